package io.mtlboard.web;

import io.mtlboard.leaderboard.RunPlacement;
import io.mtlboard.run.EvaluationSchedule;
import io.mtlboard.run.RunService;
import io.mtlboard.run.RunView;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A run's page: setting, its row on the leaderboard (rank, Δm against the baseline), source,
 * hyperparameters, claimed and measured values, evaluation, diagnostics and training curves.
 */
@Path("/runs")
@Produces(MediaType.TEXT_HTML)
public class RunPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance run(RunView run, RunPlacement.Placement placement);
    }

    private final RunService runs;
    private final EvaluationSchedule schedule;
    private final RunPlacement placements;

    public RunPage(RunService runs, EvaluationSchedule schedule, RunPlacement placements) {
        this.runs = runs;
        this.schedule = schedule;
        this.placements = placements;
    }

    @GET
    @Path("{id}")
    public TemplateInstance run(@PathParam("id") String id) {
        RunView view = runs.find(id);
        return Templates.run(
                view.withQueue(
                        null,
                        RunView.Progress.of(view.status(), schedule.state(view.id()).orElse(null))),
                placements.of(view.benchmark().id(), view.id()).orElse(null));
    }
}
