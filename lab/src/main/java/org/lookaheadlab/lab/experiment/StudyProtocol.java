package org.lookaheadlab.lab.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import org.lookaheadlab.lab.data.DataSpec;
import org.lookaheadlab.lab.train.ObjectiveMetric;
import org.lookaheadlab.lab.train.TrainSpec;

/**
 * Everything that makes two tuning trials comparable, as one line of text: the study fingerprint of both
 * {@code tune} (recorded with every trial, and a study of other trials is refused) and {@code compare} (its
 * {@link #hash()} is part of the study name). It covers the data and its validation split, the run (model, the
 * optimizer as its canonical spec text, length, batch size, seeds, batching, clipping, slow-weight evaluation,
 * dtype), the objective, the search space and, for {@code compare}, the sampler, its seed, the pruner and the
 * width of its rounds of trials — but not
 * the number of trials, so that a rerun asking for more trials resumes the study.
 *
 * <p>The text starts with {@link #VERSION}; a recorded text without it was written by an earlier Lookahead Lab,
 * whose optimizer text predates the one optimizer spec syntax ({@link #isEarlierVersion}).
 *
 * @param text the line
 */
public record StudyProtocol(String text) {

    /** The first words of every protocol of this version. */
    public static final String VERSION = "protocol 2:";

    public StudyProtocol {
        Objects.requireNonNull(text, "text");
    }

    /**
     * The protocol of trials that train {@code run} (its optimizer before the searched values are applied) on
     * {@code data} and are valued by {@code objective}.
     *
     * @param sampler the sampler name, or null when a study may change its sampler (tune)
     */
    public static StudyProtocol of(DataSpec data, TrainSpec run, ObjectiveMetric objective, SearchSpace search,
            String sampler, long samplerSeed, String pruner) {
        return of(data, run, objective, search, sampler, samplerSeed, pruner, 1);
    }

    /**
     * As {@link #of(DataSpec, TrainSpec, ObjectiveMetric, SearchSpace, String, long, String)} for a study whose
     * trials are asked and trained {@code tuneBatch} at a time (recorded when above 1: the rounds decide which
     * trials the sampler draws).
     */
    public static StudyProtocol of(DataSpec data, TrainSpec run, ObjectiveMetric objective, SearchSpace search,
            String sampler, long samplerSeed, String pruner, int tuneBatch) {
        return new StudyProtocol(VERSION + " data=" + data.label() + " model=" + run.model()
                + " optimizer=" + run.optimizer().format() + " epochs=" + run.epochs() + " steps=" + run.steps()
                + " batch=" + run.batchSize() + " initSeed=" + run.initSeed() + " shuffleSeed=" + run.shuffleSeed()
                + " contiguous=" + run.contiguousBatches() + " gradClip=" + run.gradClip()
                + " evalWeights=" + run.evalWeights() + " dtype=" + run.dtype() + " objective=" + objective.cliName()
                + " search=" + search
                + (sampler == null ? "" : " sampler=" + sampler + " samplerSeed=" + samplerSeed + " pruner=" + pruner)
                + (tuneBatch > 1 ? " tuneBatch=" + tuneBatch : ""));
    }

    /** 8 hex digits of the text's SHA-256. */
    public String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether {@code recorded} is the protocol text of an earlier version. */
    public static boolean isEarlierVersion(String recorded) {
        return !recorded.startsWith(VERSION);
    }

    @Override
    public String toString() {
        return text;
    }
}
