package kprobesim.cli.x86;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import kprobesim.cli.BadInputException;

/** Reads and writes the user's files, turning I/O failures into one-line {@link BadInputException}s. */
public final class InputFiles {
    private InputFiles() {}

    public static byte[] readBytes(Path file) {
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

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (Files.isDirectory(Path.of(String.valueOf(e.getMessage())))) {
            return "is a directory";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage());
    }
}
