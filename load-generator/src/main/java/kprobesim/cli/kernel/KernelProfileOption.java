package kprobesim.cli.kernel;

import kprobesim.cli.BadInputException;
import kprobesim.kernel.image.KernelImage;
import kprobesim.kernel.profile.KernelProfile;
import kprobesim.kernel.profile.KernelProfiles;
import kprobesim.kernel.profile.ProfileLookup;
import picocli.CommandLine.Option;

/** The {@code --profile NAME} option the kernel commands share; the default is the modern 6.1 kernel. */
public final class KernelProfileOption {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Kernel profile: a release (2.6.32-431, 6.1) or distro name (\"CentOS 6.5\", \"RHEL 7\"). Default: 6.1.")
    String name;

    /** The chosen profile; an unknown name is one error line listing the known ones. */
    public KernelProfile profile() {
        if (name == null) {
            return KernelProfiles.MODERN;
        }
        ProfileLookup found = KernelProfiles.lookup(name);
        if (found instanceof ProfileLookup.Unknown u) {
            throw new BadInputException(u.message());
        }
        return ((ProfileLookup.Found) found).profile();
    }

    /** True if the user gave {@code --profile}. */
    boolean given() {
        return name != null;
    }

    /** The kernel image of the chosen profile. */
    public KernelImage image() {
        return KernelImage.build(profile());
    }
}
