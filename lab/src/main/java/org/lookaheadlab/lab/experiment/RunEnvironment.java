package org.lookaheadlab.lab.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.lookaheadlab.lab.train.EngineThreads;

/**
 * Where a comparison ran, as the report's checklist states it (Dodge et al. 2019: "description of computing
 * infrastructure"). Recorded by the process that runs the comparison, so a later {@code report DIR} on another
 * machine still shows the original one. Any part that cannot be read is null.
 *
 * @param cpuCores processors available to the JVM
 * @param cpuModel the first {@code model name} of {@code /proc/cpuinfo}, null elsewhere
 * @param memoryBytes {@code MemTotal} of {@code /proc/meminfo}, null elsewhere
 * @param os operating system name, version and architecture
 * @param java Java version and runtime vendor
 * @param djl DJL version
 * @param pytorch PyTorch native library version and flavor (e.g. {@code 2.7.1 (cpu)})
 * @param engineThreads the PyTorch engine's intra-op threads when the comparison finished
 */
public record RunEnvironment(
        int cpuCores, String cpuModel, Long memoryBytes, String os, String java, String djl, String pytorch,
        Integer engineThreads) {

    /** This JVM's environment; reading the engine's thread count loads the PyTorch engine if it is not yet. */
    public static RunEnvironment current() {
        return new RunEnvironment(Runtime.getRuntime().availableProcessors(), readCpuModel(), readMemoryBytes(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                property("ai/djl/engine/api.properties", "djl_version"), readPytorch(), readEngineThreads());
    }

    private static String readCpuModel() {
        return procField(Path.of("/proc/cpuinfo"), "model name");
    }

    private static Long readMemoryBytes() {
        String kb = procField(Path.of("/proc/meminfo"), "MemTotal");
        try {
            return kb == null ? null : Long.parseLong(kb.replace("kB", "").strip()) * 1024;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The value after the colon of the first line starting with {@code key}, or null. */
    static String procField(Path file, String key) {
        try (var lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(key) && l.contains(":")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String readPytorch() {
        String version = property("native/lib/pytorch.properties", "version");
        String flavor = property("native/lib/pytorch.properties", "flavor");
        if (version == null) {
            version = property("pytorch-engine.properties", "pytorch_version");
        }
        return version == null ? null : version + (flavor == null ? "" : " (" + flavor + ")");
    }

    private static String property(String resource, String key) {
        try (InputStream in = RunEnvironment.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(key);
        } catch (IOException e) {
            return null;
        }
    }

    private static Integer readEngineThreads() {
        try {
            return EngineThreads.get();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }
}
