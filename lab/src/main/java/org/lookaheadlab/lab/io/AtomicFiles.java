package org.lookaheadlab.lab.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way the lab writes a file (reports, charts, CSV and JSON exports, {@code results.json}, verdict runs,
 * checkpoints, training history, data sets), so that no reader ever sees a half-written one and a failure — a
 * full disk, a crash — leaves the previous file or none, never a torn one:
 * <ol>
 *   <li>the content goes to a temporary file in the target's folder ({@code .NAME.pPID.RANDOM.tmp}, created new);
 *   <li>it is flushed and forced to the device ({@code fsync});
 *   <li>it is renamed over the target (atomically where the file system supports it), and the folder is forced
 *       so that the rename survives a power loss;
 *   <li>on any failure the temporary file is deleted and one {@link UncheckedIOException} names the target and
 *       the reason ({@code cannot write plots/a.svg: No space left on device});
 *   <li>after the rename, the temporary files of the same target that a process which no longer runs left
 *       behind (a SIGKILL runs no cleanup; issue 15's soak found one in a report folder) are deleted.
 * </ol>
 * The file gets the usual permissions of a new file (the process umask), like a file written directly.
 */
public final class AtomicFiles {

    /** Writes a file's content to a stream (which the caller may close: closing only flushes it). */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** The free space simulated by {@link #limitFreeSpace}, or null: the real disk. */
    private static volatile AtomicLong simulatedFreeBytes;

    private AtomicFiles() {}

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    public static void writeString(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes what {@code content} produces to {@code target}, atomically (see the class comment). */
    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        SimulatedDisk disk = null;
        try {
            Files.createDirectories(dir);
            // not Files.createTempFile: its owner-only permissions would stay on the renamed file
            tmp = dir.resolve(tempPrefix(target) + ProcessHandle.current().pid() + "."
                    + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream file = Channels.newOutputStream(channel);
                AtomicLong free = simulatedFreeBytes;
                if (free != null) {
                    file = disk = new SimulatedDisk(file, free);
                }
                OutputStream out = new BufferedOutputStream(file, 1 << 16);
                content.writeTo(new FlushOnClose(out));
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            forceFolder(dir);
            deleteLeftovers(dir, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                deleteQuietly(tmp);
                if (disk != null) {
                    disk.release();
                }
            }
        }
    }

    private static String tempPrefix(Path target) {
        return "." + target.getFileName() + ".p";
    }

    /** Deletes the temporary files of {@code target} whose writing process is gone (see the class comment). */
    private static void deleteLeftovers(Path dir, Path target) {
        String prefix = tempPrefix(target);
        try (var entries = Files.newDirectoryStream(dir, e -> {
            String n = e.getFileName().toString();
            return n.startsWith(prefix) && n.endsWith(".tmp");
        })) {
            for (Path leftover : entries) {
                String rest = leftover.getFileName().toString().substring(prefix.length());
                int dot = rest.indexOf('.');
                long pid;
                try {
                    pid = Long.parseLong(dot < 0 ? rest : rest.substring(0, dot));
                } catch (NumberFormatException e) {
                    continue; // not one of ours
                }
                if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // its writer still runs (this process too): its file, not a leftover
                }
                deleteQuietly(leftover);
            }
        } catch (IOException | RuntimeException e) {
            // the new file is written; a leftover that cannot be listed or deleted stays
        }
    }

    /** Makes a rename durable; file systems that cannot open a folder for this (not Linux) skip it. */
    private static void forceFolder(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the file itself is on the device and renamed
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp == null) {
            return;
        }
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException e) {
            // nothing more can be done; the failure that brought us here is what the caller reports
        }
    }

    /**
     * The reason alone: the innermost I/O error (an encoder's "I/O error writing PNG file!" wraps the real one),
     * without the (temporary) file name a {@link FileSystemException}'s message repeats.
     */
    private static String reason(IOException error) {
        IOException e = error;
        while (e.getCause() instanceof IOException cause && cause != e) {
            e = cause;
        }
        if (e instanceof FileSystemException fse) {
            if (fse.getReason() != null) {
                return fse.getReason();
            }
            if (fse instanceof FileAlreadyExistsException) {
                return fse.getFile() + " exists and is not a folder";
            }
            if (fse instanceof AccessDeniedException) {
                return "permission denied on " + fse.getFile();
            }
            if (fse instanceof NoSuchFileException) {
                return "no such file or folder " + fse.getFile();
            }
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    /**
     * For fault-injection tests: until the returned handle is closed, the files written through this class behave
     * as on a disk with only {@code freeBytes} bytes free (shared by all of them, like a small tmpfs). The write
     * that exceeds it fails with {@code No space left on device} after writing what still fits; files already
     * renamed keep their space.
     */
    public static FreeSpace limitFreeSpace(long freeBytes) {
        AtomicLong free = new AtomicLong(freeBytes);
        simulatedFreeBytes = free;
        return () -> simulatedFreeBytes = null;
    }

    /** The handle of {@link #limitFreeSpace}; closing it restores the real disk. */
    @FunctionalInterface
    public interface FreeSpace extends AutoCloseable {
        @Override
        void close();
    }

    /** A file on the simulated disk of {@link #limitFreeSpace}. */
    private static final class SimulatedDisk extends FilterOutputStream {
        private final AtomicLong free;
        private long written;

        SimulatedDisk(OutputStream out, AtomicLong free) {
            super(out);
            this.free = free;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long left = free.getAndAdd(-len);
            if (left < len) {
                int fits = (int) Math.max(0, left);
                free.addAndGet(len - fits);
                out.write(b, off, fits);
                written += fits;
                throw new IOException("No space left on device");
            }
            out.write(b, off, len);
            written += len;
        }

        /** The temporary file was deleted: its space is free again. */
        void release() {
            free.addAndGet(written);
        }
    }

    /** The stream handed to {@link Content}: closing it flushes, so that the file can still be forced. */
    private static final class FlushOnClose extends FilterOutputStream {
        FlushOnClose(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
