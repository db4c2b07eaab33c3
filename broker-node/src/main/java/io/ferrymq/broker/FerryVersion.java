package io.ferrymq.broker;

import picocli.CommandLine;

/** The version {@code ferry --version} prints, read from the jar manifest when packaged. */
public final class FerryVersion implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = FerryMain.class.getPackage().getImplementationVersion();
        return new String[] {"ferry " + (version != null ? version : "development build")};
    }
}
