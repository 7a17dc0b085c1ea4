package dev.wsprobe.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a password from a file or an environment variable, never from the command line
 * (a command line is visible to every user of the machine through the process list).
 */
public final class Passwords {
    private Passwords() {
    }

    /**
     * @param file        a file whose first line is the password, or null
     * @param envVariable the environment variable consulted when no file is given
     * @param purpose     what the password opens, for the error message ("keystore server.p12")
     */
    public static char[] read(Path file, String envVariable, String purpose) throws TlsSetupException {
        return read(file, envVariable, purpose, System.getenv());
    }

    static char[] read(Path file, String envVariable, String purpose, Map<String, String> environment)
            throws TlsSetupException {
        if (file != null) {
            return firstLineOf(file, purpose);
        }
        String fromEnvironment = environment.get(envVariable);
        if (fromEnvironment != null) {
            return fromEnvironment.toCharArray();
        }
        throw new TlsSetupException("no password for " + purpose
                + ": put it in a file and pass its path with the password-file option, or set " + envVariable);
    }

    private static char[] firstLineOf(Path file, String purpose) throws TlsSetupException {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int endOfLine = content.indexOf('\n');
            String line = endOfLine < 0 ? content : content.substring(0, endOfLine);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            return line.toCharArray();
        } catch (NoSuchFileException e) {
            throw new TlsSetupException("password file " + file + " for " + purpose + " does not exist", e);
        } catch (IOException e) {
            throw new TlsSetupException("cannot read password file " + file + " for " + purpose + ": " + e, e);
        }
    }
}
