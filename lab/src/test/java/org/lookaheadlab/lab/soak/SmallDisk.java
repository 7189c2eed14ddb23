package org.lookaheadlab.lab.soak;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small file system of the soak's own, mounted at a folder: tmpfs ({@code mount -t tmpfs -o size=NM}), or, where
 * that is refused, a loop-mounted ext4 image of the same size. {@link #fill()} writes a filler file until the
 * file system has no byte left; {@link #free()} deletes it.
 */
final class SmallDisk implements AutoCloseable {

    private final Path mountPoint;
    private final String kind;
    private final Path filler;

    SmallDisk(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        this.mountPoint = mountPoint;
        Files.createDirectories(mountPoint);
        run(List.of("umount", mountPoint.toString()), false); // a leftover of an earlier soak
        if (run(List.of("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", mountPoint.toString()),
                false)) {
            kind = "tmpfs " + megabytes + " MB";
        } else {
            Path image = mountPoint.resolveSibling(mountPoint.getFileName() + ".img");
            Files.deleteIfExists(image);
            if (!run(List.of("truncate", "-s", megabytes + "M", image.toString()), false)
                    || !run(List.of("mkfs.ext4", "-q", "-F", image.toString()), false)
                    || !run(List.of("mount", "-o", "loop", image.toString(), mountPoint.toString()), false)) {
                throw new IOException("cannot mount a small file system at " + mountPoint
                        + " (neither tmpfs nor a loop-mounted ext4 image: are you root?)");
            }
            kind = "loop-mounted ext4 image " + megabytes + " MB (tmpfs refused)";
        }
        filler = mountPoint.resolve("soak-filler");
    }

    Path path() {
        return mountPoint;
    }

    String kind() {
        return kind;
    }

    /** Fills the file system to the last byte; returns the bytes written. */
    long fill() throws IOException {
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler)) {
            byte[] big = new byte[1 << 20];
            byte[] small = new byte[512];
            try {
                while (true) {
                    out.write(big);
                    written += big.length;
                }
            } catch (IOException full) {
                // then the last bytes
            }
            try {
                while (true) {
                    out.write(small);
                    out.flush();
                    written += small.length;
                }
            } catch (IOException full) {
                return written;
            }
        } catch (IOException closeFailed) {
            return written; // closing a full file may fail too; the space is taken either way
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    long usableBytes() throws IOException {
        return Files.getFileStore(mountPoint).getUsableSpace();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        free();
        run(List.of("umount", mountPoint.toString()), false);
    }

    private static boolean run(List<String> cmd, boolean mustSucceed) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        boolean ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!ok && mustSucceed) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.trim());
        }
        return ok;
    }
}
