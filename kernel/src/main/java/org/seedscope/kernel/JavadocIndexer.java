package org.seedscope.kernel;

import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.doctree.ThrowsTree;
import com.sun.source.doctree.ValueTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Build-time step that writes the {@link JavadocIndex} from the toolkit's sources; the kernel's
 * build runs it in the {@code process-classes} phase (exec-maven-plugin), so the index ships in
 * the kernel jar and always matches the sources it was built with.
 *
 * <p>It parses the sources with javac's own tree API (parsing only: no class path needed) and
 * indexes every public or protected type and member that has a doc comment (members of
 * interfaces count as public), plus each record component's {@code @param} text as the text of
 * its accessor. Inline tags are rendered as plain text: {@code {@code x}} and {@code {@literal x}}
 * as x, {@code {@link A#b label}} as its label or A.b, entities as their character, HTML tags
 * dropped.
 */
public final class JavadocIndexer {
    /** Index lines longer than this are cut, so a Shift-Tab popup stays short. */
    static final int MAX_TEXT = 1200;

    private JavadocIndexer() {}

    /**
     * Writes the index.
     *
     * @param args the source root (e.g. {@code toolkit/src/main/java}) and the index file to write
     * @throws IllegalArgumentException without exactly two arguments or when the source root is
     *                                  not a directory
     * @throws UncheckedIOException     when the sources cannot be read or the index written
     */
    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: JavadocIndexer SOURCE_ROOT INDEX_FILE, got " + List.of(args));
        }
        Path out = Path.of(args[1]);
        Map<String, String> index = index(Path.of(args[0]));
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.write(out, index.entrySet().stream()
                    .map(e -> e.getKey() + "\t" + e.getValue().replace("\t", " ").replace("\n", "\\n"))
                    .toList(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Javadoc index " + out, e);
        }
        System.out.println("Javadoc index: " + index.size() + " entries from " + args[0] + " in " + out);
    }

    /**
     * @param sourceRoot a folder of Java sources
     * @return the index entries by key, see {@link JavadocIndex}
     * @throws IllegalArgumentException when {@code sourceRoot} is not a directory
     * @throws UncheckedIOException     when the sources cannot be read
     */
    static Map<String, String> index(Path sourceRoot) {
        if (!Files.isDirectory(sourceRoot)) {
            throw new IllegalArgumentException("Javadoc index: source root " + sourceRoot.toAbsolutePath() + " is not a directory");
        }
        List<Path> sources;
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            sources = files.filter(f -> f.toString().endsWith(".java") && !f.endsWith("package-info.java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the sources under " + sourceRoot, e);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Map<String, String> index = new TreeMap<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) javac.getTask(null, files, null, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                String pkg = unit.getPackageName() == null ? "" : unit.getPackageName() + ".";
                new Scanner(docs, pkg, index).scan(unit, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the sources under " + sourceRoot, e);
        }
        return index;
    }

    /** Visits types and their members, keeping the enclosing type names. */
    private static final class Scanner extends TreePathScanner<Void, Void> {
        private final DocTrees docs;
        private final Map<String, String> index;
        private final List<String> owners = new ArrayList<>();
        private final List<Tree.Kind> kinds = new ArrayList<>();
        private final String pkg;

        Scanner(DocTrees docs, String pkg, Map<String, String> index) {
            this.docs = docs;
            this.pkg = pkg;
            this.index = index;
        }

        @Override
        public Void visitClass(ClassTree type, Void unused) {
            if (!visible(type.getModifiers().getFlags(), implicitlyPublic())) {
                return null;
            }
            String simple = type.getSimpleName().toString();
            owners.add(simple);
            kinds.add(type.getKind());
            DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
            if (doc != null) {
                put("T:" + pkg + String.join(".", owners), text(doc));
                if (type.getKind() == Tree.Kind.RECORD) {
                    recordComponents(simple, doc);
                }
            }
            super.visitClass(type, unused);
            owners.remove(owners.size() - 1);
            kinds.remove(kinds.size() - 1);
            return null;
        }

        @Override
        public Void visitMethod(MethodTree method, Void unused) {
            DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
            if (doc != null && visible(method.getModifiers().getFlags(), implicitlyPublic())) {
                String owner = owners.get(owners.size() - 1);
                String name = method.getName().contentEquals("<init>") ? owner : method.getName().toString();
                String params = method.getParameters().stream()
                        .map(p -> JavadocIndex.simpleType(p.getType().toString()))
                        .collect(Collectors.joining(","));
                put("M:" + owner + "." + name + "(" + params + ")", text(doc));
            }
            return null;
        }

        @Override
        public Void visitVariable(VariableTree field, Void unused) {
            DocCommentTree doc = docs.getDocCommentTree(getCurrentPath());
            boolean enumConstant = !kinds.isEmpty() && kinds.get(kinds.size() - 1) == Tree.Kind.ENUM
                    && field.getModifiers().getFlags().isEmpty();
            if (doc != null && (enumConstant || visible(field.getModifiers().getFlags(), implicitlyPublic()))) {
                put("M:" + owners.get(owners.size() - 1) + "." + field.getName(), text(doc));
            }
            return null;
        }

        /** Each record component's {@code @param} text becomes its accessor's, unless that has its own. */
        private void recordComponents(String simple, DocCommentTree doc) {
            for (DocTree tag : doc.getBlockTags()) {
                if (tag instanceof ParamTree p && !p.isTypeParameter()) {
                    index.putIfAbsent("M:" + simple + "." + p.getName() + "()", plain(p.getDescription()));
                }
            }
        }

        /** @return whether members of the current type are public without saying so (interfaces) */
        private boolean implicitlyPublic() {
            Tree.Kind kind = kinds.isEmpty() ? null : kinds.get(kinds.size() - 1);
            return kind == Tree.Kind.INTERFACE || kind == Tree.Kind.ANNOTATION_TYPE;
        }

        private void put(String key, String text) {
            if (!text.isBlank()) {
                index.put(key, text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "\u2026");
            }
        }
    }

    private static boolean visible(Set<Modifier> flags, boolean implicitlyPublic) {
        return flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                || (implicitlyPublic && !flags.contains(Modifier.PRIVATE));
    }

    /** The first sentence, then one line per {@code @param}, {@code @return} and {@code @throws}. */
    private static String text(DocCommentTree doc) {
        StringBuilder out = new StringBuilder(plain(doc.getFirstSentence()));
        for (DocTree tag : doc.getBlockTags()) {
            String line = switch (tag.getKind()) {
                case PARAM -> "@param " + ((ParamTree) tag).getName() + " " + plain(((ParamTree) tag).getDescription());
                case RETURN -> "@return " + plain(((ReturnTree) tag).getDescription());
                case THROWS, EXCEPTION -> "@throws " + ((ThrowsTree) tag).getExceptionName() + " "
                        + plain(((ThrowsTree) tag).getDescription());
                default -> "";
            };
            if (!line.isEmpty()) {
                out.append(out.length() == 0 ? "" : "\n").append(line);
            }
        }
        return out.toString().strip();
    }

    /** Doc trees as plain text on one line. */
    static String plain(List<? extends DocTree> trees) {
        StringBuilder out = new StringBuilder();
        for (DocTree t : trees) {
            if (t instanceof TextTree text) {
                out.append(text.getBody());
            } else if (t instanceof LiteralTree literal) {
                out.append(literal.getBody().getBody());
            } else if (t instanceof LinkTree link) {
                out.append(link.getLabel().isEmpty() ? reference(link.getReference().getSignature())
                        : plain(link.getLabel()));
            } else if (t instanceof ValueTree value) {
                out.append(value.getReference() == null ? "" : reference(value.getReference().getSignature()));
            } else if (t instanceof EntityTree entity) {
                out.append(entity(entity.getName().toString()));
            } else if (t.getKind() == DocTree.Kind.START_ELEMENT || t.getKind() == DocTree.Kind.END_ELEMENT) {
                out.append(' ');
            } else {
                out.append(t);
            }
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    /** "Type#member" as "Type.member", "#member" as "member". */
    private static String reference(String signature) {
        return signature.startsWith("#") ? signature.substring(1) : signature.replace('#', '.');
    }

    private static String entity(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "nbsp" -> " ";
            default -> name.startsWith("#") ? entityNumber(name) : "&" + name + ";";
        };
    }

    private static String entityNumber(String name) {
        try {
            int code = name.startsWith("#x") || name.startsWith("#X")
                    ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
            return new String(Character.toChars(code));
        } catch (IllegalArgumentException e) {
            return "&" + name + ";";
        }
    }
}
