package io.mtlboard.analysis;

import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The query parameters every analysis endpoint and page shares: the benchmark and the leaderboard
 * filters of the rows analysed. Repeat a filter or separate values by commas to allow several;
 * an absent filter allows everything.
 */
public class AnalysisFilter {

    @QueryParam("benchmark")
    @Parameter(
            description =
                    "benchmark id (required by the API except for optimizers, where none means every benchmark; "
                            + "pages pick one with data)")
    public String benchmark;

    @QueryParam("backbone")
    @Parameter(description = "backbone id(s)")
    public List<String> backbone;

    @QueryParam("optimizer")
    @Parameter(description = "adam, adamw, sgd, signsgd, unreported")
    public List<String> optimizer;

    @QueryParam("gradientLevel")
    @Parameter(description = "param or feature")
    public List<String> gradientLevel;

    @QueryParam("source")
    @Parameter(description = "verified, reference, literature, claimed")
    public List<String> source;

    @QueryParam("method")
    @Parameter(description = "method id(s)")
    public List<String> method;

    @QueryParam("convention")
    @Parameter(description = "Δm convention: per-task (default) or flat")
    public String convention;

    /** A filter for one benchmark and nothing else, as tests and pages build it. */
    public static AnalysisFilter of(String benchmark) {
        AnalysisFilter f = new AnalysisFilter();
        f.benchmark = benchmark;
        return f;
    }
}
