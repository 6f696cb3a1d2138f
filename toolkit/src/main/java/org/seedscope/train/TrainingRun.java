package org.seedscope.train;

import java.util.List;
import org.seedscope.engine.Model;

/**
 * The outcome of a training run.
 *
 * @param model the trained model
 * @param log one entry per epoch
 * @param seconds wall-clock duration
 */
public record TrainingRun(Model model, List<EpochLog> log, double seconds) {
    /** Copies the log. */
    public TrainingRun {
        log = List.copyOf(log);
    }

    /** @return the last epoch's entry */
    public EpochLog last() {
        return log.get(log.size() - 1);
    }
}
