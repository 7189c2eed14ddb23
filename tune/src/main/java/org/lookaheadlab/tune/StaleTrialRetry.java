package org.lookaheadlab.tune;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lookaheadlab.tune.storage.Storage;
import org.lookaheadlab.tune.storage.UserAttrJson;

/**
 * Re-enqueues a trial that the stale-heartbeat sweep failed (its worker died), as Optuna's
 * {@code RetryFailedTrialCallback} does: the retry is a WAITING trial whose fixed parameters are the failed
 * trial's parameters, with system attributes {@link FrozenTrial#FAILED_TRIAL} (the number of the first trial of
 * the chain) and {@link FrozenTrial#RETRY_COUNT} (1, 2, …). A chain stops after {@code maxRetries} retries.
 * Only the worker whose sweep failed the trial calls this, so a trial is re-enqueued at most once.
 */
final class StaleTrialRetry {

    private static final System.Logger LOG = System.getLogger(StaleTrialRetry.class.getName());

    private final int maxRetries;

    StaleTrialRetry(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0, but got " + maxRetries + ".");
        }
        this.maxRetries = maxRetries;
    }

    /** Enqueues the retry of {@code failed} unless its chain has used up its retries; returns it, or null. */
    FrozenTrial retry(Storage storage, long studyId, FrozenTrial failed) {
        int retries = intAttr(failed, FrozenTrial.RETRY_COUNT, 0);
        if (retries >= maxRetries) {
            LOG.log(System.Logger.Level.WARNING, "Trial#" + failed.number() + " failed (stale heartbeat) after "
                    + retries + " retries; not retried again (maxRetries=" + maxRetries + ")");
            return null;
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put(FrozenTrial.FIXED_PARAMS, UserAttrJson.write(failed.params()));
        attrs.put(FrozenTrial.FAILED_TRIAL, UserAttrJson.write(intAttr(failed, FrozenTrial.FAILED_TRIAL,
                failed.number())));
        attrs.put(FrozenTrial.RETRY_COUNT, UserAttrJson.write(retries + 1));
        FrozenTrial retry = storage.enqueueTrial(studyId, attrs);
        LOG.log(System.Logger.Level.INFO, "Trial#" + failed.number() + " failed (stale heartbeat); enqueued Trial#"
                + retry.number() + " with its parameters (retry " + (retries + 1) + " of " + maxRetries + ")");
        return retry;
    }

    private static int intAttr(FrozenTrial t, String key, int fallback) {
        Object v = t.systemAttrs().get(key);
        return v instanceof Number n ? n.intValue() : fallback;
    }
}
