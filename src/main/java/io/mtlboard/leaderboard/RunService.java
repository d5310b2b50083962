package io.mtlboard.leaderboard;

import io.mtlboard.support.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Reads runs for the API and the run page. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class RunService {

    /**
     * The run with the given id.
     *
     * @throws NotFoundProblem when the id is not a number or names no visible run
     */
    public RunView find(String id) {
        long runId;
        try {
            runId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFoundProblem("No run '" + id + "': run ids are numbers");
        }
        Run run = Run.byId(runId).filter(r -> !r.hidden)
                .orElseThrow(() -> new NotFoundProblem("No run " + runId));
        return RunView.from(run, Evaluation.latestCompleted(runId).orElse(null));
    }
}
