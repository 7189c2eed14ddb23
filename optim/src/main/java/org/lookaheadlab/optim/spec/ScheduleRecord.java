package org.lookaheadlab.optim.spec;

import java.util.List;
import org.lookaheadlab.optim.LrSchedule;

/**
 * The registry record of a learning-rate schedule: names, hyperparameters (relative to the base optimizer's lr,
 * which the schedule starts from) and the factory of its {@link LrSchedule}, whose Javadoc states the formula.
 *
 * @param name canonical name
 * @param aliases other spellings
 * @param displayName name for reports
 * @param description one line
 * @param params hyperparameters, canonical order
 * @param factory builds the schedule
 */
public record ScheduleRecord(String name, List<String> aliases, String displayName, String description,
        List<Param> params, Factory factory) implements RegistryRecord {

    /** Builds a schedule. */
    @FunctionalInterface
    public interface Factory {
        /**
         * @param lr the base optimizer's learning rate
         * @param values the schedule's values
         * @param runSteps the run's total steps, or 0 if unknown
         * @throws IllegalArgumentException from {@link LrSchedule}: field, value, accepted range
         */
        LrSchedule create(double lr, Values values, long runSteps);
    }

    public ScheduleRecord {
        aliases = List.copyOf(aliases);
        params = List.copyOf(params);
    }
}
