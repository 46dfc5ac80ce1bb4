package org.transferlab.exercises;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A student's {@code Solution} class: compiled in memory with the JDK's compiler API against TransferLab's own
 * class path (so SameDiff and the {@code kit} helpers resolve), then loaded in a class loader of its own.
 * Used inside the sandbox process only.
 */
public final class StudentCode {
    public static final String CLASS_NAME = "Solution";
    private static final Pattern CLASS_DECL = Pattern.compile("\\bpublic\\s+(?:final\\s+)?class\\s+(\\w+)");

    private final Class<?> type;

    private StudentCode(Class<?> type) {
        this.type = type;
    }

    /** Thrown when the code does not compile; carries the compiler's messages with their lines. */
    public static final class CompileError extends Exception {
        private final List<CheckResult.Diagnostic> diagnostics;

        CompileError(String message, List<CheckResult.Diagnostic> diagnostics) {
            super(message);
            this.diagnostics = List.copyOf(diagnostics);
        }

        public List<CheckResult.Diagnostic> diagnostics() {
            return diagnostics;
        }
    }

    /** Thrown when the student's own code throws; the message names the exception and the student's line. */
    public static final class StudentException extends Exception {
        public StudentException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static StudentCode compile(String source) throws CompileError {
        Matcher m = CLASS_DECL.matcher(source);
        if (m.find() && !m.group(1).equals(CLASS_NAME)) {
            long line = source.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            throw new CompileError("the class must be called " + CLASS_NAME, List.of(new CheckResult.Diagnostic(line,
                    1, "rename the class back to '" + CLASS_NAME + "': the checker looks for that name")));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new CompileError("no Java compiler: TransferLab runs on a Java runtime without the JDK's compiler; "
                    + "start it with a JDK 17 (not a JRE) to use exercise mode", List.of());
        }
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        StandardJavaFileManager std = javac.getStandardFileManager(diags, Locale.ENGLISH, null);
        Map<String, ByteArrayOutputStream> classes = new HashMap<>();
        var manager = new ForwardingJavaFileManager<>(std) {
            @Override
            public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                       FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return classes.computeIfAbsent(className, k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + CLASS_NAME + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none",
                "-encoding", "UTF-8", "-g");
        StringWriter out = new StringWriter();
        boolean ok = javac.getTask(out, manager, diags, options, null, List.of(file)).call();
        List<CheckResult.Diagnostic> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                errors.add(new CheckResult.Diagnostic(d.getLineNumber(), d.getColumnNumber(),
                        d.getMessage(Locale.ENGLISH)));
            }
        }
        if (!ok || classes.isEmpty()) {
            throw new CompileError(errors.isEmpty() ? "the code does not compile: " + out : errors.size()
                    + " compile error" + (errors.size() > 1 ? "s" : ""), errors);
        }
        ClassLoader loader = new ClassLoader(StudentCode.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                ByteArrayOutputStream b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = b.toByteArray();
                // in the student's protection domain: under the sandbox's guard it may do almost nothing
                return defineClass(name, bytes, 0, bytes.length, StudentGuard.DOMAIN);
            }
        };
        try {
            return new StudentCode(loader.loadClass(CLASS_NAME));
        } catch (ClassNotFoundException e) {
            throw new CompileError("no public class " + CLASS_NAME + " (keep the skeleton's class name)", List.of());
        }
    }

    /** The static method a card calls, or a message saying which signature to keep. */
    public Method method(String name, String signature, Class<?>... parameterTypes) throws StudentException {
        try {
            Method m = type.getMethod(name, parameterTypes);
            if (!java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                throw new StudentException("make " + name + " static again: " + signature, null);
            }
            return m;
        } catch (NoSuchMethodException e) {
            throw new StudentException("the checker calls " + signature + " but Solution has no such public method: "
                    + "keep the skeleton's name and parameter types", e);
        }
    }

    /** Calls a static method of the student's class; the student's exception comes back with its line. */
    public static Object call(Method m, Object... args) throws StudentException {
        try {
            return m.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw explain(e.getCause(), "your " + m.getName());
        } catch (IllegalAccessException e) {
            throw new StudentException("cannot call " + m.getName() + ": make it public static", e);
        }
    }

    /** A plain sentence for an exception thrown while the student's code ran, with the student's line. */
    public static StudentException explain(Throwable t, String where) {
        for (Throwable c = t; c != null && StudentGuard.active(); c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SecurityException se) { // refused by the guard, perhaps wrapped by the student's code
                return new StudentException(StudentGuard.refusal(se), t);
            }
        }
        StringBuilder s = new StringBuilder(where).append(t instanceof OutOfMemoryError
                ? " ran out of memory (" + t.getClass().getSimpleName() + ")" : " threw " + t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            String msg = t.getMessage();
            s.append(": ").append(msg.length() > 400 ? msg.substring(0, 400) + "…" : msg);
        }
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().equals(CLASS_NAME) || e.getClassName().startsWith(CLASS_NAME + "$")) {
                s.append(" (line ").append(e.getLineNumber()).append(" of your code)");
                break;
            }
        }
        return new StudentException(s.toString(), t);
    }
}
