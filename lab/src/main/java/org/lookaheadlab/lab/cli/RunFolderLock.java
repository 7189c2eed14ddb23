package org.lookaheadlab.lab.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive use of a run folder by one command ({@code compare}, {@code train --out}, {@code report}) at a time:
 * an OS file lock on {@code DIR/.lock}, a file that holds the last owner's process id. The operating system drops
 * the lock when its process ends, however it ends, so a killed run never leaves the folder locked; the file
 * itself stays (deleting it would let two processes lock two different files of the same name). A second
 * command on the same folder is refused at once, naming the holder.
 */
final class RunFolderLock implements AutoCloseable {

    /** The lock file's name inside the run folder. */
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dir} (which must exist) for this process.
     *
     * @throws InUse when another process (or another command of this one) holds it
     * @throws IOException when the lock file cannot be written
     */
    static RunFolderLock acquire(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this JVM
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(channel);
            channel.close();
            throw new InUse("run folder " + dir + " is in use by " + holder
                    + ": wait for it to finish, or use another folder");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
        } catch (IOException e) {
            lock.release();
            channel.close();
            throw e;
        }
        return new RunFolderLock(channel, lock);
    }

    /** The folder is locked by someone else. */
    static final class InUse extends IllegalStateException {
        InUse(String message) {
            super(message);
        }
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            channel.read(buf, 0);
            String pid = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII).trim();
            if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
                return "this process (pid " + pid + ")";
            }
            return pid.matches("\\d+") ? "process " + pid : "another process";
        } catch (IOException e) {
            return "another process";
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
