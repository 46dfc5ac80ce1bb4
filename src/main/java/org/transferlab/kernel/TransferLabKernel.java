package org.transferlab.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

/**
 * The TransferLab Jupyter kernel: the library's {@link BaseKernel} speaks the protocol; each cell is evaluated by
 * JShell with TransferLab's class path.
 *
 * <p>The cells run in JShell's <em>remote</em> execution engine, a separate JVM that JShell starts and drives
 * over JDI, not in the kernel's JVM. That is what makes a cell's bad behaviour safe: an interrupt stops even a
 * loop that never calls anything ({@code while (true) {}}: JDI throws into the suspended thread, which a
 * local engine's {@code Thread.interrupt} cannot do), {@code System.exit} ends only that JVM (the kernel reports
 * it and starts a fresh one), and a cell that fills its heap or crashes native code cannot take the protocol
 * down. The price: values come back as text, so rich values are asked for again through {@link Display#encode},
 * and {@link Display#emit} and {@link Display#display} send figures through standard output ({@link CellOutput}):
 * a JShell value string is cut at about 21 800 characters.
 */
public final class TransferLabKernel extends BaseKernel {
    /** Imports every cell sees, and the cells' JVM set up as the command line's is. */
    static final List<String> STARTUP = List.of(
            "import java.util.*;",
            "import java.util.stream.*;",
            "import java.nio.file.*;",
            "import java.awt.image.BufferedImage;",
            "import static org.transferlab.kernel.Display.display;",
            "org.transferlab.Logging.configure();",
            "org.transferlab.engine.Backend.select();");

    private static final LanguageInfo JAVA = new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("java")
            .build();

    private final String classPath;
    private final List<String> vmOptions;
    private final CellOutput out;
    private final CellOutput err;
    private volatile JShell shell;
    private volatile boolean interrupted;
    private final Object captureLock = new Object();
    private StringBuilder capture; // while a value is rendered: its display block, not a display_data

    /**
     * @param classPath what the cells compile and run against (TransferLab's jar, or the test class path)
     * @param vmOptions more options for the cells' JVM (e.g. {@code -Xmx2g})
     */
    public TransferLabKernel(String classPath, List<String> vmOptions) {
        super("TransferLab", version(), JAVA, List.of(), null, new JupyterIO(StandardCharsets.UTF_8),
                new CommManager(), new Renderer(), null, null, false, new StringStyler.Builder().build());
        this.classPath = classPath;
        this.vmOptions = List.copyOf(vmOptions);
        this.out = new CellOutput(this::stdout, this::displayEncoded);
        this.err = new CellOutput(this::stderr, this::displayEncoded);
    }

    /**
     * Serves the connection file's sockets until a shutdown request; what {@code kernel start FILE} runs.
     * The cells run with this JVM's class path.
     */
    public static void serve(KernelConnectionProperties props, List<String> vmOptions) throws Exception {
        JupyterConnection connection = new JupyterConnection(props);
        TransferLabKernel kernel = new TransferLabKernel(System.getProperty("java.class.path"), vmOptions);
        kernel.onStartup();
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        kernel.shell(); // start the cells' JVM now, not on the first cell
        connection.waitUntilClose();
        kernel.onShutdown(false);
    }

    private static String version() {
        String v = TransferLabKernel.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** JShell, started (again) if there is none or the last one's JVM ended. */
    synchronized JShell shell() {
        JShell js = shell;
        if (js == null) {
            List<String> options = new ArrayList<>(List.of("--class-path", classPath, "-Djava.awt.headless=true"));
            options.addAll(vmOptions);
            js = JShell.builder()
                    .out(new java.io.PrintStream(out, true, StandardCharsets.UTF_8))
                    .err(new java.io.PrintStream(err, true, StandardCharsets.UTF_8))
                    .in(java.io.InputStream.nullInputStream())
                    .compilerOptions("--class-path", classPath)
                    .remoteVMOptions(options.toArray(String[]::new))
                    .build();
            JShell started = js;
            js.onShutdown(j -> {
                if (shell == started) {
                    shell = null;
                }
            });
            for (String s : STARTUP) {
                for (SnippetEvent e : js.eval(s)) {
                    if (e.status() == Snippet.Status.REJECTED || e.exception() != null) {
                        throw new IllegalStateException("the notebook's start-up line " + s + " failed");
                    }
                }
            }
            shell = js;
        }
        return js;
    }

    @Override
    public Object evalRaw(String cell) {
        interrupted = false;
        try {
            return evalCell(shell(), cell);
        } catch (IllegalStateException closed) { // the cells' JVM ended under eval: System.exit or a crash
            if (shell != null && !interrupted) {
                throw closed;
            }
            shell = null;
            throw processEnded();
        } finally {
            out.release();
            err.release();
        }
    }

    private static CellError processEnded() {
        return new CellError("ProcessEnded", "The cell ended its Java process (System.exit, or a crash); the next "
                + "cell starts a fresh one: run the cells above again for their variables.", List.of());
    }

    /** Evaluates the cell snippet by snippet; the last one's value, if it is an expression. */
    private DisplayData evalCell(JShell js, String cell) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String rest = cell;
        int offset = 0; // where rest begins in the cell
        DisplayData value = null;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            String source = info.completeness().isComplete() ? info.source() : rest;
            String remaining = info.completeness().isComplete() ? info.remaining() : "";
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY || source == null) {
                break;
            }
            int start = offset + leading(rest);
            value = null;
            List<SnippetEvent> events = js.eval(source);
            if (shell != js) { // the cells' JVM ended during this snippet (JShell's shutdown listener ran)
                throw processEnded();
            }
            for (SnippetEvent e : events) {
                if (e.causeSnippet() != null) {
                    continue; // a snippet that changed because of this one
                }
                value = check(js, cell, start, e);
            }
            offset += rest.length() - remaining.length();
            rest = remaining;
        }
        return value;
    }

    /** Throws the snippet's error; its value for an expression, else null. */
    private DisplayData check(JShell js, String cell, int start, SnippetEvent e) {
        Snippet s = e.snippet();
        if (interrupted) {
            throw new CellError("Interrupted", "The cell was stopped (interrupt).", List.of());
        }
        if (e.status() == Snippet.Status.REJECTED) {
            List<String> lines = js.diagnostics(s).filter(Diag::isError)
                    .map(d -> "line " + line(cell, start + Math.max(0, (int) d.getStartPosition())) + ": "
                            + d.getMessage(null))
                    .collect(Collectors.toList());
            if (lines.isEmpty()) {
                lines = List.of("line " + line(cell, start) + ": this does not compile");
            }
            throw new CellError("CompilationError", lines.get(0), lines);
        }
        if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            String missing = String.join(", ", js.unresolvedDependencies((DeclarationSnippet) s).toList());
            String msg = "line " + line(cell, start) + ": defined, but cannot be used until " + missing + " is declared";
            throw new CellError("UnresolvedReference", msg, List.of(msg));
        }
        if (e.exception() != null) {
            throw runtimeError(e.exception());
        }
        if (e.value() == null || !(s instanceof VarSnippet || s.kind() == Snippet.Kind.EXPRESSION)
                || s.subKind() == Snippet.SubKind.VAR_DECLARATION_SUBKIND
                || s.subKind() == Snippet.SubKind.VAR_DECLARATION_WITH_INITIALIZER_SUBKIND
                || s.subKind() == Snippet.SubKind.ASSIGNMENT_SUBKIND) {
            return null;
        }
        return render(js, s, e.value());
    }

    /** The value as text, and as an image or table where {@link Display#encode} knows it (via {@link Display#emit}). */
    private DisplayData render(JShell js, Snippet s, String text) {
        DisplayData data = new DisplayData(text);
        String type = s instanceof VarSnippet v ? v.typeName()
                : s instanceof jdk.jshell.ExpressionSnippet x ? x.typeName() : "";
        String name = s instanceof VarSnippet v ? v.name()
                : s instanceof jdk.jshell.ExpressionSnippet x ? x.name() : null;
        if (name == null || PLAIN.contains(type) || "null".equals(text)) {
            return data;
        }
        synchronized (captureLock) {
            capture = new StringBuilder();
        }
        boolean emitted = false;
        for (SnippetEvent e : js.eval("org.transferlab.kernel.Display.emit(" + name + ")")) {
            if (e.causeSnippet() == null) {
                emitted = e.exception() == null && "true".equals(e.value());
                js.drop(e.snippet());
            }
        }
        String encoded;
        synchronized (captureLock) {
            long until = System.currentTimeMillis() + 5000; // the block is on its way through standard output
            while (emitted && capture.length() == 0 && System.currentTimeMillis() < until) {
                try {
                    captureLock.wait(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            encoded = capture.toString();
            capture = null;
        }
        decodeInto(data, encoded);
        return data;
    }

    private static final Set<String> PLAIN = Set.of("int", "long", "double", "float", "boolean", "char", "short",
            "byte", "String", "Integer", "Long", "Double", "Float", "Boolean", "Character", "Short", "Byte");

    private static void decodeInto(DisplayData data, String encoded) {
        for (String entry : encoded.trim().split(" ")) {
            int colon = entry.indexOf(':');
            if (colon > 0) {
                String mime = entry.substring(0, colon);
                String base64 = entry.substring(colon + 1);
                data.putData(mime, mime.startsWith("text/")
                        ? new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8) : base64);
            }
        }
    }

    private CellError runtimeError(JShellException ex) {
        String name = ex instanceof EvalException ee ? ee.getExceptionClassName()
                : ex instanceof UnresolvedReferenceException ? "UnresolvedReference" : ex.getClass().getSimpleName();
        if (ex instanceof UnresolvedReferenceException u) {
            String msg = "cannot use " + u.getSnippet().name() + " yet: "
                    + String.join(", ", shell().unresolvedDependencies(u.getSnippet()).toList()) + " is not declared";
            return new CellError(name, msg, List.of(msg));
        }
        List<String> trace = new ArrayList<>();
        trace.add(name + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
        for (StackTraceElement el : ex.getStackTrace()) {
            if (el.getClassName().startsWith("jdk.jshell.") || el.getClassName().startsWith("jdk.internal.")) {
                break;
            }
            trace.add("    at " + el);
        }
        return new CellError(name, ex.getMessage() == null ? "" : ex.getMessage(), trace);
    }

    private static int leading(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The 1-based line of {@code pos} in the cell. */
    static int line(String cell, int pos) {
        int line = 1;
        for (int i = 0; i < Math.min(pos, cell.length()); i++) {
            if (cell.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    @Override
    public List<String> formatError(Throwable e) {
        return e instanceof CellError c ? c.lines() : super.formatError(e);
    }

    /** Stops the running cell; the kernel and the cells' JVM go on. */
    @Override
    public void interrupt() {
        JShell js = shell;
        if (js != null) {
            interrupted = true;
            js.stop();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        JShell js = shell;
        shell = null;
        if (js != null) {
            js.close();
        }
        super.onShutdown(isRestarting);
    }

    /**
     * Shift-Tab in a notebook: the signatures of what is under the cursor (every overload), with their Javadoc
     * where JShell finds it (the JDK's own, when its {@code src.zip} is installed).
     */
    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        JShell js = shell;
        if (js == null) {
            return null;
        }
        List<SourceCodeAnalysis.Documentation> docs = js.sourceCodeAnalysis().documentation(code, at, true);
        if (docs.isEmpty()) {
            return null;
        }
        String text = docs.stream().map(d -> d.signature()
                        + (d.javadoc() == null || d.javadoc().isBlank() ? "" : "\n" + d.javadoc().strip()))
                .distinct().collect(Collectors.joining("\n\n"));
        return new DisplayData(text);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        JShell js = shell;
        if (js == null) {
            return null;
        }
        int[] anchor = new int[1];
        List<String> names = js.sourceCodeAnalysis().completionSuggestions(code, at, anchor).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation).distinct().collect(Collectors.toList());
        return new ReplacementOptions(names, anchor[0], at);
    }

    @Override
    public String isComplete(String code) {
        JShell js = shell;
        if (js == null) {
            return IS_COMPLETE_MAYBE;
        }
        SourceCodeAnalysis.Completeness c = js.sourceCodeAnalysis().analyzeCompletion(code).completeness();
        return c.isComplete() ? IS_COMPLETE_YES
                : c == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE ? "    " : IS_COMPLETE_MAYBE;
    }

    private void stdout(String s) {
        io.out.print(s);
        io.out.flush();
    }

    private void stderr(String s) {
        io.err.print(s);
        io.err.flush();
    }

    /** A display block from the cells' output: the value being rendered, or a {@code display(...)} call's. */
    private void displayEncoded(String encoded) {
        synchronized (captureLock) {
            if (capture != null) {
                capture.append(encoded);
                captureLock.notifyAll();
                return;
            }
        }
        DisplayData data = new DisplayData("<figure>");
        decodeInto(data, encoded);
        display(data);
    }

    /** A cell's error as the notebook shows it: the name, the message, the lines under the cell. */
    static final class CellError extends RuntimeException {
        private final String name;
        private final List<String> lines;

        CellError(String name, String message, List<String> lines) {
            super(message, null, false, false);
            this.name = name;
            this.lines = lines.isEmpty() ? List.of(message) : List.copyOf(lines);
        }

        String name() {
            return name;
        }

        List<String> lines() {
            return lines;
        }
    }
}
