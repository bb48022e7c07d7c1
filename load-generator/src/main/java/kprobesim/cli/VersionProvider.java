package kprobesim.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version the jar manifest was stamped with; "dev" when run from classes. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"kprobesim " + (v == null ? "dev" : v)};
    }
}
