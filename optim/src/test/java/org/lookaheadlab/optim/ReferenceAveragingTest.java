package org.lookaheadlab.optim;

import java.nio.file.Path;

/**
 * {@link ReferenceTrajectoryTest} over every case of the weight-averaging reference file (torch.optim.swa_utils'
 * AveragedModel for EMA and SWA, the schedule-free authors' AdamWScheduleFree, SGDScheduleFree and
 * ScheduleFreeWrapper): float64 to 1e-9 relative and float32 to 1e-4 on both {@code trajectory} (the training
 * weights, y for schedule-free) and {@code averagedTrajectory} (the evaluation weights: the average, the live
 * weights before its first update; x for schedule-free). The same data-driven machinery: nothing depends on this
 * file's numbers, an unknown name fails. Run it on another file of the same format with
 * {@code -Dlookahead.optim.averagingReference=FILE}.
 */
class ReferenceAveragingTest extends ReferenceTrajectoryTest {

    @Override
    Path file() {
        return ReferenceFiles.averaging();
    }
}
