package kprobesim.kernel.vfs;

import static kprobesim.kernel.vfs.OpenFlags.O_CREAT;
import static kprobesim.kernel.vfs.OpenFlags.O_RDONLY;
import static kprobesim.kernel.vfs.OpenFlags.O_RDWR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a host directory, plus every sandbox escape attempt. */
class HostDirectoryFileSystemTest extends FileSystemContractTest {
    @TempDir
    Path tmp;
    Path root;
    Path outside;

    @Override
    FileSystem newFileSystemWithRootDir() throws Exception {
        root = Files.createDirectories(tmp.resolve("sandbox"));
        Files.createDirectories(root.resolve("root"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        return new HostDirectoryFileSystem(root);
    }

    private int openErr(String path, int flags) {
        return vfs.filpOpen(path, flags, 0644).ptrErr();
    }

    @Test
    void filesReallyLandInTheSandbox() throws Exception {
        VfsFile f = open("/root/test.txt", O_RDWR | O_CREAT);
        writeString(f, "module read/write test");
        assertEquals(0, vfs.filpClose(f));
        assertEquals("module read/write test", Files.readString(root.resolve("root/test.txt")));
    }

    @Test
    void dotDotAboveTheRootIsEacces() {
        assertEquals(-13, openErr("../outside/secret.txt", O_RDONLY));
        assertEquals(-13, openErr("/../outside/secret.txt", O_RDONLY));
        assertEquals(-13, openErr("/root/../../outside/secret.txt", O_RDONLY));
        assertEquals(-13, openErr("/root/../../outside/new.txt", O_RDWR | O_CREAT));
        assertFalse(Files.exists(outside.resolve("new.txt")));
        assertEquals(0, vfs.filpClose(open("/root/../root/./inside.txt", O_RDWR | O_CREAT)), "staying inside is fine");
        assertTrue(Files.exists(root.resolve("root/inside.txt")));
    }

    @Test
    void absolutePathsAreMappedInsideTheRoot() throws Exception {
        assertEquals(-2, openErr("/etc/passwd", O_RDONLY), "the host's /etc/passwd is not visible");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/passwd"), "sandboxed");
        VfsFile f = open("/etc/passwd", O_RDONLY);
        assertEquals("sandboxed", readString(f, 100));
        assertEquals(-13, openErr(outside.resolve("secret.txt").toString() + "/../../../../../../..", O_RDONLY),
                "a host absolute path is just a path inside; its many .. climb out");
        assertEquals(-2, openErr(outside.resolve("secret.txt").toString(), O_RDONLY));
    }

    @Test
    void symlinksLeadingOutsideAreEacces() throws Exception {
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("secretlink"), outside.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("b"), outside);
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        assertEquals(-13, openErr("/out/secret.txt", O_RDONLY));
        assertEquals(-13, openErr("/secretlink", O_RDONLY));
        assertEquals(-13, openErr("/secretlink", O_RDWR));
        assertEquals(-13, openErr("/a/secret.txt", O_RDONLY), "a chain of links");
        assertEquals(-13, openErr("/out/new.txt", O_RDWR | O_CREAT));
        assertEquals(-13, openErr("/out/missing.txt", O_RDONLY), "does not reveal what exists outside");
        assertFalse(Files.exists(outside.resolve("new.txt")));
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
    }

    @Test
    void danglingSymlinksAreNeverCreatedThrough() throws Exception {
        Files.createSymbolicLink(root.resolve("dangle"), outside.resolve("created.txt"));
        Files.createSymbolicLink(root.resolve("dangle-in"), Path.of("root/later.txt"));
        assertEquals(-13, openErr("/dangle", O_RDWR | O_CREAT));
        assertEquals(-13, openErr("/dangle-in", O_RDWR | O_CREAT));
        assertFalse(Files.exists(outside.resolve("created.txt")));
        assertFalse(Files.exists(root.resolve("root/later.txt")));
    }

    @Test
    void symlinksInsideTheRootWork() throws Exception {
        Files.writeString(root.resolve("root/data.txt"), "inside");
        Files.createSymbolicLink(root.resolve("in"), Path.of("root"));
        Files.createSymbolicLink(root.resolve("root/alias.txt"), Path.of("data.txt"));
        assertEquals("inside", readString(open("/in/data.txt", O_RDONLY), 100));
        assertEquals("inside", readString(open("/root/alias.txt", O_RDONLY), 100));
    }

    @Test
    void oddPaths() {
        assertEquals(-22, openErr("/root/a\0b", O_RDWR | O_CREAT));
        assertEquals(-2, openErr("/nope/x", O_RDWR | O_CREAT));
        assertEquals(-21, openErr("/", O_RDONLY));
        assertEquals(-21, openErr("/root", O_RDONLY));
    }

    @Test
    void theRootMustBeADirectory() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain"), "x");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new HostDirectoryFileSystem(file));
        assertTrue(e.getMessage().startsWith("sandbox root is not a directory: root="), e.getMessage());
    }

    @Test
    void newFilesGetTheRequestedMode() throws Exception {
        vfs.filpClose(vfs.filpOpen("/root/m", O_RDWR | O_CREAT, 0640).value());
        try {
            assertEquals("rw-r-----", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(root.resolve("root/m"))));
        } catch (UnsupportedOperationException nonPosix) {
            assertTrue(Files.exists(root.resolve("root/m")));
        }
        assertEquals("", new String(Files.readAllBytes(root.resolve("root/m")), StandardCharsets.US_ASCII));
    }
}
