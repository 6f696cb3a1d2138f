package org.seedscope.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The toolkit's Javadoc for Shift-Tab, from an index built with the kernel (JShell finds Javadoc
 * only in the JDK's own {@code src.zip}, and the toolkit jar holds no sources).
 *
 * <p>{@link JavadocIndexer} writes the index at build time from the toolkit's sources into the
 * resource {@value #RESOURCE}: one line per documented public type or member, {@code KEY TAB
 * TEXT}, where TEXT is the plain-text first sentence followed by the {@code @param},
 * {@code @return} and {@code @throws} lines (line breaks written as {@code \n}). Keys:
 * {@code T:org.seedscope.study.Study} for a type; {@code M:Study.on(Dataset)} for a method,
 * constructor ({@code M:Slice.Slice(String,String,String)}), record component accessor or field
 * ({@code M:Numbers.SIGNIFICANT}), with the simple name of the innermost declaring type and the
 * simple, erased parameter types ({@link #simpleType}) — the form JShell's signatures reduce to.
 */
final class JavadocIndex {
    /** Class-path resource holding the index. */
    static final String RESOURCE = "META-INF/seedscope/javadoc-index.tsv";
    /** A Java name, possibly qualified, at the end of a signature's head. */
    private static final Pattern TRAILING_NAME = Pattern.compile("([\\w$.]+)\\s*$");

    private final Map<String, String> entries;

    JavadocIndex(Map<String, String> entries) {
        this.entries = new TreeMap<>(entries);
    }

    /**
     * @param loader where to find {@value #RESOURCE}
     * @return the index, empty when the resource is missing
     * @throws UncheckedIOException when the resource cannot be read
     */
    static JavadocIndex load(ClassLoader loader) {
        Map<String, String> entries = new TreeMap<>();
        try (InputStream in = loader.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        entries.put(line.substring(0, tab), line.substring(tab + 1).replace("\\n", "\n"));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
        }
        return new JavadocIndex(entries);
    }

    /** @return how many types and members the index documents */
    int size() {
        return entries.size();
    }

    /**
     * @param signature a signature as JShell's documentation gives it, e.g.
     *                  {@code org.seedscope.study.Study}, {@code Study Study.on(Dataset data)} or
     *                  {@code org.seedscope.stats.Slice(String scenario, String method, String protocol)}
     * @return the indexed text of that type or member; for a method not found with these
     *         parameter types, the text of the only method of that name, if there is one
     */
    Optional<String> lookup(String signature) {
        String s = signature.strip();
        int open = s.indexOf('(');
        if (open < 0 && !s.contains(" ")) {
            return type(s);
        }
        Matcher name = TRAILING_NAME.matcher(open < 0 ? s : s.substring(0, open));
        if (!name.find()) {
            return Optional.empty();
        }
        String qualified = name.group(1);
        int dot = qualified.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String member = qualified.substring(dot + 1);
        String owner = qualified.substring(0, dot);
        if (open < 0) {
            return Optional.ofNullable(entries.get("M:" + simpleType(owner) + "." + member));
        }
        String params = String.join(",", parameterTypes(s.substring(open + 1, s.lastIndexOf(')'))));
        boolean constructor = type(qualified).isPresent() && Character.isUpperCase(member.charAt(0));
        String prefix = "M:" + (constructor ? member : simpleType(owner)) + "." + member + "(";
        String exact = entries.get(prefix + params + ")");
        if (exact != null) {
            return Optional.of(exact);
        }
        List<String> overloads = entries.keySet().stream().filter(k -> k.startsWith(prefix)).toList();
        return overloads.size() == 1 ? Optional.of(entries.get(overloads.get(0))) : Optional.empty();
    }

    private Optional<String> type(String name) {
        String exact = entries.get("T:" + name);
        if (exact != null) {
            return Optional.of(exact);
        }
        List<String> bySimpleName = entries.keySet().stream()
                .filter(k -> k.startsWith("T:") && k.endsWith("." + name)).toList();
        return bySimpleName.size() == 1 ? Optional.of(entries.get(bySimpleName.get(0))) : Optional.empty();
    }

    /**
     * @param type a type as written in source or printed by JShell, e.g.
     *             {@code java.util.List<java.lang.String>}, {@code @Nullable Foo},
     *             {@code String...}, {@code double[][]}
     * @return its simple erased name: {@code List}, {@code Foo}, {@code String[]}, {@code double[][]}
     */
    static String simpleType(String type) {
        String t = type.replaceAll("@[\\w.]+\\s*", "").replace("...", "[]");
        StringBuilder erased = new StringBuilder();
        int depth = 0;
        for (char c : t.toCharArray()) {
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (depth == 0 && !Character.isWhitespace(c)) {
                erased.append(c);
            }
        }
        String e = erased.toString();
        int dims = e.indexOf('[');
        String base = dims < 0 ? e : e.substring(0, dims);
        return base.substring(base.lastIndexOf('.') + 1) + (dims < 0 ? "" : e.substring(dims));
    }

    /** @return the simple erased types of a printed parameter list "Type name, Type name" */
    private static List<String> parameterTypes(String list) {
        List<String> types = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= list.length(); i++) {
            char c = i < list.length() ? list.charAt(i) : ',';
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ',' && depth == 0) {
                String param = list.substring(start, i).strip();
                if (!param.isEmpty()) {
                    int space = lastTopLevelSpace(param);
                    types.add(simpleType(space < 0 ? param : param.substring(0, space)));
                }
                start = i + 1;
            }
        }
        return types;
    }

    /** @return the index of the space before a parameter's name, -1 if it has no name */
    private static int lastTopLevelSpace(String param) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < param.length(); i++) {
            char c = param.charAt(i);
            if (c == '<') {
                depth++;
            } else if (c == '>') {
                depth--;
            } else if (c == ' ' && depth == 0) {
                last = i;
            }
        }
        return last;
    }
}
