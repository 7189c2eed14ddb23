package org.lookaheadlab.lab.nqm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lookaheadlab.lab.experiment.ResultsJson;
import org.lookaheadlab.lab.io.AtomicFiles;

/** Writes an NQM study's rows as {@code nqm.json} (settings and rows) and {@code nqm.csv} (one line per row). */
public final class NqmFiles {

    /** The JSON file name. */
    public static final String JSON = "nqm.json";
    /** The CSV file name. */
    public static final String CSV = "nqm.csv";

    private NqmFiles() {}

    /** Writes both files into {@code dir}, each atomically. */
    public static void write(NqmStudy study, List<NqmStudy.Row> rows, Path dir) {
        var mapper = ResultsJson.mapper();
        ObjectNode root = mapper.createObjectNode();
        ObjectNode problem = root.putObject("problem");
        problem.put("dim", study.problem().dim());
        problem.set("h", mapper.valueToTree(study.problem().h()));
        problem.set("sigma2", mapper.valueToTree(study.problem().sigma2()));
        problem.set("start", mapper.valueToTree(study.problem().start()));
        ObjectNode sim = root.putObject("simulation");
        sim.put("steps", study.steps());
        sim.put("burnIn", study.burnIn());
        sim.put("chains", study.chains());
        sim.put("seed", study.seed());
        sim.put("dtype", "float64");
        ArrayNode out = root.putArray("rows");
        for (NqmStudy.Row r : rows) {
            ObjectNode o = out.addObject();
            o.put("method", r.contender().method());
            o.put("label", r.contender().label());
            o.put("optimizer", r.spec());
            o.put("lr", r.lr());
            o.put("k", r.contender().k());
            o.put("m", r.contender().m());
            o.put("alpha", r.contender().alpha());
            o.put("measured", r.measured());
            o.put("standardError", r.standardError());
            o.put("closedFormOverMeasuredCycles", r.expected());
            o.put("z", r.z());
            o.put("closedFormSteadyState", r.steadyState());
            o.put("firstCycle", r.firstCycle());
            o.put("lastCycle", r.lastCycle());
            o.put("seconds", r.seconds());
        }
        AtomicFiles.write(dir.resolve(JSON), stream -> mapper.writeValue(stream, root));
        StringBuilder csv = new StringBuilder(
                "method,label,optimizer,lr,k,m,alpha,measured,standard_error,closed_form,z,steady_state\n");
        for (NqmStudy.Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%s,\"%s\",%s,%d,%d,%s,%.10g,%.6g,%.10g,%.4f,%.10g%n",
                    r.contender().method(), r.contender().label(), r.spec(), r.lr(), r.contender().k(),
                    r.contender().m(), r.contender().alpha(), r.measured(), r.standardError(), r.expected(), r.z(),
                    r.steadyState()));
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve(CSV), stream -> stream.write(bytes));
    }
}
