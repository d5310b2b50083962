package io.mtlboard.analysis;

import io.mtlboard.analysis.gradients.IndicatorAggregate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the analysis pages use of one run's training log: every logged indicator aggregated by
 * {@link IndicatorAggregate} (run mean over logged entries, per-epoch means for curves) and the
 * total training time.
 *
 * @param runId the run
 * @param indicators indicator key → aggregate, for the indicators the log holds
 * @param trainingSeconds Σ of the logged epoch wall times; null unless every entry logged one
 * @param entries number of log entries
 */
record RunSummary(
        long runId,
        Map<String, IndicatorAggregate> indicators,
        Double trainingSeconds,
        int entries) {

    RunSummary {
        indicators = Map.copyOf(indicators);
    }

    /** Summarizes a run's log; an empty log gives no indicators and no training time. */
    static RunSummary of(long runId, List<LogEpoch> log) {
        Map<String, List<IndicatorAggregate.Sample>> samples = new LinkedHashMap<>();
        double seconds = 0;
        boolean timed = !log.isEmpty();
        for (LogEpoch e : log) {
            e.values()
                    .forEach(
                            (key, value) ->
                                    samples.computeIfAbsent(key, k -> new ArrayList<>())
                                            .add(new IndicatorAggregate.Sample(e.epoch(), value)));
            if (e.seconds() == null) {
                timed = false;
            } else {
                seconds += e.seconds();
            }
        }
        Map<String, IndicatorAggregate> indicators = new LinkedHashMap<>();
        samples.forEach((key, list) -> indicators.put(key, IndicatorAggregate.of(list)));
        return new RunSummary(runId, indicators, timed ? seconds : null, log.size());
    }

    /** The run mean of an indicator, or null when it was not logged. */
    Double mean(String key) {
        IndicatorAggregate a = indicators.get(key);
        return a == null ? null : a.runMean();
    }

    /** The mean of an indicator over the last logged epoch, or null when it was not logged. */
    Double last(String key) {
        IndicatorAggregate a = indicators.get(key);
        return a == null ? null : a.perEpoch().get(a.perEpoch().lastKey());
    }
}
