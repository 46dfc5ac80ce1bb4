package org.transferlab.exercises;

import java.io.FilePermission;
import java.lang.reflect.ReflectPermission;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.security.AllPermission;
import java.security.CodeSource;
import java.security.Permission;
import java.security.PermissionCollection;
import java.security.Permissions;
import java.security.Policy;
import java.security.ProtectionDomain;
import java.util.PropertyPermission;

/**
 * What a submission may do in the sandbox, by Java's own security policy: the student's classes are defined in a
 * protection domain of their own ({@link #DOMAIN}) that may read and write its scratch folder, read system
 * properties and use reflection, and nothing else: no other file (read, write or delete), no network, no new
 * process, no System.exit, no class loaders, no security settings. TransferLab's own code (the checker, ND4J) keeps
 * every permission; a permission is granted only when every frame on the stack has it, so the student's code
 * cannot borrow the checker's. Installed once per sandbox, before any student code is compiled.
 *
 * <p>Java 17 to 23 still have the security manager (deprecated for removal); the sandbox starts there with
 * {@code -Djava.security.manager=allow} ({@link org.transferlab.io.Platforms#securityManagerOption}). Java 24 and
 * newer have none (JEP 486): there, and wherever it cannot be installed, {@link #install} says why in one sentence,
 * and the sandbox reports the checks as unprotected.
 */
@SuppressWarnings("removal")
public final class StudentGuard {
    private static final URL STUDENT_CODE;

    static {
        try {
            STUDENT_CODE = new URL("file:/transferlab-student-code/");
        } catch (MalformedURLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The protection domain student classes are defined in. */
    public static final ProtectionDomain DOMAIN = new ProtectionDomain(
            new CodeSource(STUDENT_CODE, (java.security.cert.Certificate[]) null), null, null, null);

    private static volatile boolean active;

    private StudentGuard() {
    }

    public static boolean active() {
        return active;
    }

    /** The permissions of student code: its scratch folder, properties (read), reflection. */
    static Permissions studentPermissions(Path scratch) {
        Permissions p = new Permissions();
        String dir = scratch.toAbsolutePath().toString();
        p.add(new FilePermission(dir, "read"));
        p.add(new FilePermission(dir + java.io.File.separator + "-", "read,write,delete"));
        // the same folder named relatively: the sandbox's working directory is its scratch folder
        p.add(new FilePermission("-", "read,write,delete"));
        p.add(new PropertyPermission("*", "read"));
        p.add(new RuntimePermission("accessDeclaredMembers"));
        p.add(new RuntimePermission("getStackTrace"));
        p.add(new ReflectPermission("suppressAccessChecks"));
        return p;
    }

    /**
     * Installs the policy and the security manager; returns null when they are in place, else why not (for
     * instance a Java without a security manager).
     */
    public static synchronized String install(Path scratch) {
        if (active) {
            return null;
        }
        Permissions student = studentPermissions(scratch);
        Permissions all = new Permissions();
        all.add(new AllPermission());
        Policy.setPolicy(new Policy() {
            @Override
            public PermissionCollection getPermissions(ProtectionDomain domain) {
                return isStudent(domain) ? student : all;
            }

            @Override
            public boolean implies(ProtectionDomain domain, Permission permission) {
                return isStudent(domain) ? student.implies(permission) : true;
            }
        });
        try {
            System.setSecurityManager(new SecurityManager());
        } catch (UnsupportedOperationException | SecurityException e) {
            return "this Java (" + Runtime.version() + ") cannot install a security manager (" + e.getMessage()
                    + "): submissions run without file, network and process protection";
        }
        active = true;
        return null;
    }

    private static boolean isStudent(ProtectionDomain d) {
        return d != null && d.getCodeSource() != null && STUDENT_CODE.equals(d.getCodeSource().getLocation());
    }

    /** A sentence for a permission the student's code was refused. */
    public static String refusal(SecurityException e) {
        String what = e.getMessage() == null ? "" : e.getMessage();
        String action = what.contains("java.io.FilePermission") ? (what.contains("delete") ? "delete a file"
                : what.contains("write") ? "write a file" : what.contains("execute") ? "start a program"
                : "read a file") + " outside its scratch folder"
                : what.contains("SocketPermission") || what.contains("java.net") ? "open a network connection"
                : what.contains("exitVM") ? "end the JVM (System.exit)"
                : what.contains("createClassLoader") ? "create a class loader"
                : "do something checks do not allow (" + what + ")";
        return "Refused: your code tried to " + action + ". Checks run with no access to files outside their own "
                + "scratch folder, no network, no other programs and no System.exit; compute the result from the "
                + "method's arguments only.";
    }
}
