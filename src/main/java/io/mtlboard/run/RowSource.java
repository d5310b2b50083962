package io.mtlboard.run;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The badge of a leaderboard row: how much to trust its numbers. A submitted run is
 * {@code verified} once the worker reproduced its claims and {@code claimed} until then.
 */
public enum RowSource {
    VERIFIED("verified", 0),
    REFERENCE("reference", 0),
    LITERATURE("literature", 0),
    CLAIMED("claimed", 1);

    private final String id;
    private final int tier;

    RowSource(String id, int tier) {
        this.id = id;
        this.tier = tier;
    }

    /** The value used in query parameters and JSON. */
    public String id() {
        return id;
    }

    /** Rows of a lower tier always rank before rows of a higher tier: claims never outrank evidence. */
    public int tier() {
        return tier;
    }

    /** The badge of a run with the given source and status. */
    public static RowSource of(RunSource source, RunStatus status) {
        return switch (source) {
            case LITERATURE -> LITERATURE;
            case REFERENCE -> REFERENCE;
            case SUBMITTED -> status == RunStatus.VERIFIED ? VERIFIED : CLAIMED;
        };
    }

    public static Optional<RowSource> parse(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(RowSource::id).toList();
    }
}
