package io.mtlboard.benchmark;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.List;
import java.util.Optional;

/** A network backbone (shared encoder) that runs are trained on; from {@code backbones.json}. */
@Entity
public class Backbone extends PanacheEntityBase {

    @Id public String id;
    public String name;
    public String family;

    /** Parameter count where known. */
    public Long parameters;

    public boolean lightweight;
    public String description;

    public static Optional<Backbone> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(findById(id));
    }

    public static List<Backbone> allById() {
        return list("order by id");
    }
}
