package kprobesim.kernel.profile;

import java.util.List;

/** The result of choosing a profile by name: found, or unknown with the names that exist. */
public sealed interface ProfileLookup {

    record Found(KernelProfile profile) implements ProfileLookup {}

    /** Nothing matched {@code query}; {@code known} lists every accepted release and distro name. */
    record Unknown(String query, List<String> known) implements ProfileLookup {
        public Unknown {
            known = List.copyOf(known);
        }

        /** One line for the CLI: what was asked and what exists. */
        public String message() {
            return "unknown kernel profile '" + query + "'; known: " + String.join(", ", known);
        }
    }
}
