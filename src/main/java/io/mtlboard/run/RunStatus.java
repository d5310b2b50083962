package io.mtlboard.run;

import java.util.List;

/** Life-cycle state of a run as shown to its users. */
public enum RunStatus {
    /** Values as claimed, no artifact to re-evaluate (literature rows, runs without a model). */
    CLAIMED,
    /** Waiting for an evaluation worker. */
    QUEUED,
    /** Being evaluated. */
    RUNNING,
    /** Every claimed metric was reproduced within tolerance. */
    VERIFIED,
    /** The model ran but some claim disagrees with the measured value. */
    DISCREPANT,
    /** The artifact broke the contract (unreadable, wrong outputs). */
    REJECTED,
    /** The evaluation could not complete for reasons outside the model. */
    FAILED,
    /** Withdrawn by its submitter. */
    WITHDRAWN;

    /** Statuses whose runs are listed on leaderboards; discrepant, rejected and withdrawn runs are not. */
    public static final List<RunStatus> LISTED =
            List.of(CLAIMED, QUEUED, RUNNING, VERIFIED, FAILED);
}
