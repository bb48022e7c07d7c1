package kprobesim.cli.x86;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import kprobesim.cli.BadInputException;

/** Reads and writes the user's files, turning I/O failures into one-line {@link BadInputException}s. */
public final class InputFiles {
    private InputFiles() {}

    public static byte[] readBytes(Path file) {
        if (Files.isDirectory(file)) {
            throw BadInputException.in(file.toString(), "cannot read: is a directory");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw BadInputException.in(file.toString(), "cannot read: " + reason(e));
        }
    }

    public static String readText(Path file) {
        return new String(readBytes(file), StandardCharsets.UTF_8);
    }

    public static void writeBytes(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw BadInputException.in(file.toString(), "cannot write: " + reason(e));
        }
    }

    /** What went wrong, in a few words (the JDK's messages repeat the path we already print). */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
