package org.attentionworkbench.app.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Minimal {@code --name value} / {@code --flag} parsing for subcommands, with usage errors. */
final class Args {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();

    private Args() {}

    /** Parses; {@code withValue} names take one value each time they appear, {@code flagNames} none. */
    static Args parse(List<String> args, Set<String> withValue, Set<String> flagNames) throws UsageException {
        Args a = new Args();
        for (int i = 0; i < args.size(); i++) {
            String s = args.get(i);
            if (flagNames.contains(s)) {
                a.flags.add(s);
            } else if (withValue.contains(s)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(s + " needs a value");
                }
                a.values.computeIfAbsent(s, k -> new ArrayList<>()).add(args.get(++i));
            } else {
                throw new UsageException("unknown argument '" + s + "'");
            }
        }
        return a;
    }

    String required(String name) throws UsageException {
        List<String> v = values.get(name);
        if (v == null) {
            throw new UsageException(name + " is required");
        }
        return v.get(v.size() - 1);
    }

    String optional(String name, String fallback) {
        List<String> v = values.get(name);
        return v == null ? fallback : v.get(v.size() - 1);
    }

    List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    boolean flag(String name) {
        return flags.contains(name);
    }
}
