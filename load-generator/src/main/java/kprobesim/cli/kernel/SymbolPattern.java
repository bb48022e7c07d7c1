package kprobesim.cli.kernel;

import java.util.regex.Pattern;
import kprobesim.cli.BadInputException;

/**
 * The PATTERN of {@code kprobesim kallsyms}: a glob if it has {@code * ? [}, matched against
 * the whole symbol name ({@code do_*}, {@code *fork}, {@code sys_[a-o]*}, {@code [!_]*}); else a
 * substring of the name, as {@code grep PATTERN /proc/kallsyms} would find it. Case-sensitive,
 * like symbol names.
 */
final class SymbolPattern {
    private final Pattern regex;

    private SymbolPattern(Pattern regex) {
        this.regex = regex;
    }

    static SymbolPattern of(String text) {
        if (text.indexOf('*') < 0 && text.indexOf('?') < 0 && text.indexOf('[') < 0) {
            return new SymbolPattern(Pattern.compile(".*" + Pattern.quote(text) + ".*"));
        }
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int end = text.indexOf(']', i + 2);
                    if (end < 0) {
                        throw new BadInputException("bad pattern '" + text + "': '[' without ']'");
                    }
                    String set = text.substring(i + 1, end);
                    boolean negate = set.startsWith("!") || set.startsWith("^");
                    if (negate) {
                        set = set.substring(1);
                    }
                    re.append('[').append(negate ? "^" : "").append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                    i = end;
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return new SymbolPattern(Pattern.compile(re.toString()));
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new BadInputException("bad pattern '" + text + "': " + e.getDescription());
        }
    }

    boolean matches(String name) {
        return regex.matcher(name).matches();
    }
}
