package org.lookaheadlab.tune.storage;

import java.time.Duration;
import org.lookaheadlab.tune.Study;
import org.lookaheadlab.tune.pruners.NopPruner;
import org.lookaheadlab.tune.samplers.tpe.TpeSampler;

/**
 * A worker process for the multi-process tests: opens the study by name and runs trials until the study holds
 * {@code target} COMPLETE trials. Trial number {@code hangAt} prints "HANG n" and sleeps {@code hangMillis} (to be
 * killed or paused there).
 *
 * <p>Arguments: storageUrl studyName target hangAt heartbeatMillis graceMillis [maxRetries (default 0)
 * [hangMillis (default 600000)]]
 */
public final class WorkerMain {

    private WorkerMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String name = args[1];
        int target = Integer.parseInt(args[2]);
        int hangAt = Integer.parseInt(args[3]);
        Duration heartbeat = Duration.ofMillis(Long.parseLong(args[4]));
        Duration grace = Duration.ofMillis(Long.parseLong(args[5]));
        int maxRetries = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        long hangMillis = args.length > 7 ? Long.parseLong(args[7]) : 600_000;
        try (Storage storage = Storages.open(url)) {
            Study study = Study.builder().name(name).storage(storage).loadIfExists(true)
                    .sampler(new TpeSampler()).pruner(new NopPruner())
                    .heartbeatInterval(heartbeat).gracePeriod(grace).retryFailedTrials(maxRetries).build();
            study.optimizeUntilComplete(trial -> {
                double x = trial.suggestFloat("x", -5, 5);
                int k = trial.suggestInt("k", 1, 4);
                if (trial.number() == hangAt) {
                    System.out.println("HANG " + trial.number());
                    System.out.flush();
                    Thread.sleep(hangMillis);
                }
                Thread.sleep(20);
                return (x - 1) * (x - 1) + k;
            }, target);
        }
        System.out.println("DONE");
    }
}
