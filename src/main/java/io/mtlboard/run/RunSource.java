package io.mtlboard.run;

/** Where a run comes from. */
public enum RunSource {
    /** Uploaded by a researcher over the API. */
    SUBMITTED,
    /** Trained and evaluated by MTLBoard's own reference worker. */
    REFERENCE,
    /** Copied from a publication; the source is named on the run. */
    LITERATURE
}
