package io.mtlboard.benchmark;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.List;
import java.util.Optional;

/**
 * An MTL optimization method (METHODS.md), or a baseline such as single-task learning; from
 * {@code methods.json}.
 */
@Entity
public class Method extends PanacheEntityBase {

    /** The id of the single-task baseline, against which Δm is computed. */
    public static final String SINGLE_TASK = "stl";

    @Id public String id;
    public String name;

    /** {@code loss-weighting}, {@code gradient-manipulation}, {@code baseline} or {@code architecture}. */
    public String category;

    /**
     * Whether the method has a stated feature-level variant with a guarantee (MGDA-UB,
     * Aligned-MTL-UB, IMTL): information, not a restriction — every gradient method is trained at
     * both gradient levels.
     */
    @Column(name = "feature_level")
    public boolean featureLevel;

    /** The name the literature uses for the feature-level variant (MGDA-UB), if any. */
    @Column(name = "feature_level_name")
    public String featureLevelName;

    public String venue;

    @Column(name = "published_year")
    public Integer year;

    @Column(name = "paper_url")
    public String paperUrl;

    /** The authors' official code repository, if they published one; null otherwise. */
    @Column(name = "code_url")
    public String codeUrl;

    public String summary;

    /**
     * Why the method's feature-level rows are not a variant of the method (it carries per-coordinate
     * gradients across steps, which at the feature level mixes samples); null when there is no such
     * caveat.
     */
    @Column(name = "feature_level_caveat", length = 1000)
    public String featureLevelCaveat;

    public static Optional<Method> byId(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(findById(id));
    }

    public static List<Method> allByName() {
        return list("order by name");
    }
}
