package org.lookaheadlab.lab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.lookaheadlab.lab.nqm.NqmChart;
import org.lookaheadlab.lab.nqm.NqmContender;
import org.lookaheadlab.lab.nqm.NqmFiles;
import org.lookaheadlab.lab.nqm.NqmProblem;
import org.lookaheadlab.lab.nqm.NqmProfiles;
import org.lookaheadlab.lab.nqm.NqmStudy;
import org.lookaheadlab.lab.report.ChartFile;
import org.lookaheadlab.optim.Points;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./lookahead nqm}: the noisy quadratic model of the Lookahead paper (§3, Proposition 1) simulated with the
 * project's SGD, Lookahead and TrajectoryLookahead on the engine, against the closed form
 * ({@link org.lookaheadlab.lab.nqm.NqmClosedForm}, derivation in {@code docs/nqm.md}). Prints one line per
 * (method, learning rate): the measured mean loss ± standard error, the closed form over the same cycles, their
 * z-score and the closed-form steady state; writes {@code nqm.json}, {@code nqm.csv} and the figure
 * {@code nqm-loss-vs-lr.png/.svg} into {@code --out}.
 */
@Command(name = "nqm", mixinStandardHelpOptions = true,
        description = "Noisy quadratic model: our SGD / Lookahead / TrajectoryLookahead on the engine vs the closed "
                + "form of their steady-state expected loss; a table, nqm.json, nqm.csv and the loss-vs-lr figure.")
public final class NqmCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--dim", paramLabel = "N", defaultValue = "100", description = "dimension (default ${DEFAULT-VALUE})")
    int dim;

    @Option(names = "--h", paramLabel = "PROFILE", defaultValue = "inverse",
            description = "curvatures: inverse (h_i = 1/i), power:P (i^-P), const:V, or V1,V2,... (default "
                    + "${DEFAULT-VALUE})")
    String h;

    @Option(names = "--sigma2", paramLabel = "PROFILE", defaultValue = "h",
            description = "noise variances of c: h (sigma2_i = h_i), scale:S (S*h_i), const:V, or V1,V2,... "
                    + "(default ${DEFAULT-VALUE})")
    String sigma2;

    @Option(names = "--start", paramLabel = "X0", defaultValue = "0",
            description = "starting point, every coordinate (default ${DEFAULT-VALUE})")
    double start;

    @Option(names = "--lr", paramLabel = "ETA,...", split = ",", defaultValue = "0.1,0.3,0.6,1.0,1.4,1.8",
            description = "learning rates (default ${DEFAULT-VALUE})")
    List<Double> lrs;

    @Option(names = "--methods", paramLabel = "M,...", split = ",", defaultValue = "sgd,lookahead,trajectory-lookahead",
            description = "sgd, lookahead, trajectory-lookahead (default ${DEFAULT-VALUE})")
    List<String> methods;

    @Option(names = "--k", paramLabel = "K", defaultValue = "5", description = "inner steps per cycle (default "
            + "${DEFAULT-VALUE})")
    int k;

    @Option(names = "--alpha", paramLabel = "A,...", split = ",", defaultValue = "0.2,0.5,0.8",
            description = "slow step sizes of the Lookahead family, one contender each (default ${DEFAULT-VALUE})")
    List<Double> alphas;

    @Option(names = "--m", paramLabel = "M", defaultValue = "3",
            description = "points trajectory-lookahead averages, 1..k (default ${DEFAULT-VALUE})")
    int m;

    @Option(names = "--points", paramLabel = "MODE", defaultValue = "last",
            description = "which points trajectory-lookahead averages: last | spread (default ${DEFAULT-VALUE})")
    String points;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "2000",
            description = "inner steps per simulation (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--burn-in", paramLabel = "N",
            description = "steps before the first measured point (default: half of --steps)")
    Long burnIn;

    @Option(names = "--chains", paramLabel = "N", defaultValue = "500",
            description = "independent chains per simulation (default ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "random seed (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/nqm",
            description = "folder for nqm.json, nqm.csv and the figure (default ${DEFAULT-VALUE})")
    Path out;

    /** {@code --threads}. */
    @Mixin
    EngineThreadsOption engineThreads = new EngineThreadsOption();

    @Override
    public Integer call() {
        NqmStudy study;
        try {
            study = study();
            engineThreads.configure("nqm");
            Files.createDirectories(out);
        } catch (IllegalArgumentException e) {
            return CommandErrors.fail(spec, CommandErrors.USAGE, e.getMessage());
        } catch (java.io.IOException e) {
            return CommandErrors.fail(spec, CommandErrors.FAILURE, "cannot create --out " + out + ": " + e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.println(String.format(Locale.ROOT, "NQM dim=%d steps=%d burn-in=%d chains=%d seed=%d: expected loss "
                + "½Σh(Var+mean²), measured at every sync after the burn-in", study.problem().dim(), study.steps(),
                study.burnIn(), study.chains(), study.seed()));
        o.println(String.format(Locale.ROOT, "%-36s %6s %13s %11s %13s %7s %13s", "method", "lr", "measured", "s.e.",
                "closed form", "z", "steady state"));
        o.flush();
        List<NqmStudy.Row> rows = study.run(r -> {
            o.println(String.format(Locale.ROOT, "%-36s %6s %13.6g %11.3g %13.6g %7.2f %13.6g%s", r.contender().label(),
                    r.lr(), r.measured(), r.standardError(), r.expected(), r.z(), r.steadyState(),
                    Double.isFinite(r.measured()) ? "" : "  (diverged)"));
            o.flush();
        });
        NqmFiles.write(study, rows, out);
        ChartFile chart = NqmChart.save(study, rows, out);
        long within = rows.stream().filter(r -> Math.abs(r.z()) < 4).count();
        long finite = rows.stream().filter(r -> Double.isFinite(r.measured())).count();
        o.println(String.format(Locale.ROOT, "%d of %d finite simulations within 4 standard errors of the closed "
                + "form", within, finite));
        o.println("wrote " + out.resolve(NqmFiles.JSON) + ", " + out.resolve(NqmFiles.CSV)
                + (chart == null ? "" : ", " + chart.png() + ", " + chart.svg()));
        o.flush();
        return 0;
    }

    private NqmStudy study() {
        if (dim < 1) {
            throw new IllegalArgumentException("--dim is " + dim + ", accepted range: >= 1");
        }
        if (chains < 2) {
            throw new IllegalArgumentException("--chains is " + chains + ", accepted range: >= 2");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("--steps is " + steps + ", accepted range: >= 1");
        }
        long burn = burnIn == null ? steps / 2 : burnIn;
        if (burn < 0 || burn >= steps) {
            throw new IllegalArgumentException("--burn-in is " + burn + ", accepted range: [0, --steps = " + steps + ")");
        }
        if (k < 1) {
            throw new IllegalArgumentException("--k is " + k + ", accepted range: >= 1");
        }
        for (double lr : lrs) {
            if (!(lr > 0) || !Double.isFinite(lr)) {
                throw new IllegalArgumentException("--lr contains " + lr + ", accepted range: (0, ∞)");
            }
        }
        for (double a : alphas) {
            if (!(a > 0 && a <= 1)) {
                throw new IllegalArgumentException("--alpha contains " + a + ", accepted range: (0, 1]");
            }
        }
        Points p = Points.parse(points);
        double[] curvature = NqmProfiles.curvatures(h, dim);
        double[] x0 = new double[dim];
        Arrays.fill(x0, start);
        NqmProblem problem = new NqmProblem(curvature, NqmProfiles.variances(sigma2, curvature), x0);
        List<NqmContender> contenders = new ArrayList<>();
        for (String method : methods) {
            String name = method.trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "sgd" -> contenders.add(new NqmContender("sgd", 1, 1, 1, Points.LAST));
                case "lookahead" -> alphas.forEach(a -> contenders.add(new NqmContender(name, k, 1, a, Points.LAST)));
                case "trajectory-lookahead" -> {
                    if (m < 1 || m > k) {
                        throw new IllegalArgumentException("--m is " + m + ", accepted range: [1, --k = " + k + "]");
                    }
                    alphas.forEach(a -> contenders.add(new NqmContender(name, k, m, a, p)));
                }
                default -> throw new IllegalArgumentException("--methods contains '" + method + "', accepted: "
                        + String.join(", ", NqmContender.METHODS));
            }
        }
        long lastCycle = steps / k;
        if (lastCycle <= burn / k) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "no sync point (a multiple of --k = %d) "
                    + "lies in steps %d..%d, accepted: --steps - --burn-in >= --k", k, burn + 1, steps));
        }
        return new NqmStudy(problem, contenders, lrs, steps, burn, chains, seed);
    }
}
