package org.transferlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The kernel over the real protocol: a connection file with HMAC key and free ports, the kernel serving it
 * (in this JVM; the cells run in JShell's own JVM), and a small client of its own over jeromq (shell and control
 * as DEALER, iopub as SUB; messages signed and checked with HMAC-SHA256). Every request is read back as Jupyter would: the shell or
 * control reply, and the iopub messages of that request up to its idle status.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(180)
class KernelProtocolTest {
    private static final String SESSION = UUID.randomUUID().toString();

    private ZMQ.Context ctx;
    private Client shell;
    private Client control;
    private Client iopub;
    private Thread server;

    /** One request's answer: the reply's content and the content of its iopub messages by type, in order. */
    record Answer(JsonObject reply, List<JsonObject> iopub) {
        List<JsonObject> of(String type) {
            return iopub.stream().filter(m -> m.getAsJsonObject("header").get("msg_type").getAsString().equals(type))
                    .map(m -> m.getAsJsonObject("content")).toList();
        }

        /** The reply is not an error (the library's interrupt_reply has no status field: {}). */
        boolean ok() {
            return !reply.has("status") || reply.get("status").getAsString().equals("ok");
        }

        String stdout() {
            StringBuilder b = new StringBuilder();
            of("stream").forEach(s -> b.append(s.get("text").getAsString()));
            return b.toString();
        }

        JsonObject result() {
            List<JsonObject> r = of("execute_result");
            assertEquals(1, r.size(), () -> "one execute_result, got " + iopub);
            return r.get(0).getAsJsonObject("data");
        }

        String text() {
            return result().get("text/plain").getAsString();
        }

        JsonObject error() {
            List<JsonObject> e = of("error");
            assertEquals(1, e.size(), () -> "one error, got " + iopub);
            return e.get(0);
        }
    }

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        String key = UUID.randomUUID().toString();
        int[] ports = freePorts(5);
        KernelConnectionProperties props = new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2],
                ports[3], ports[4], "tcp", "hmac-sha256", key);
        Path file = dir.resolve("connection.json");
        Files.writeString(file, props.toJsonString()); // the file Jupyter would write
        KernelConnectionProperties read = KernelConnectionProperties.parse(Files.readString(file));
        server = new Thread(() -> {
            try {
                TransferLabKernel.serve(read, List.of("-Xmx1g"));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, "kernel");
        server.setDaemon(true);
        server.start();

        ctx = ZMQ.context(1);
        control = new Client(ctx, SocketType.DEALER, key, ports[0]);
        shell = new Client(ctx, SocketType.DEALER, key, ports[1]);
        iopub = new Client(ctx, SocketType.SUB, key, ports[4]);
        iopub.socket.subscribe(new byte[0]);
        Thread.sleep(300); // let the subscription reach the kernel before the first request
    }

    @AfterAll
    void stop() throws Exception {
        if (control != null) {
            JsonObject content = new JsonObject();
            content.addProperty("restart", false);
            control.send("shutdown_request", content);
            control.next(30_000);
            server.join(30_000);
            shell.close();
            control.close();
            iopub.close();
            ctx.close();
        }
    }

    @Test
    void kernelInfoNamesJava() {
        Answer a = request(shell, "kernel_info_request", new JsonObject(), 30_000);
        assertEquals("java", a.reply().getAsJsonObject("language_info").get("name").getAsString());
        assertEquals("TransferLab", a.reply().get("implementation").getAsString());
    }

    @Test
    void completionAndInspectionComeFromJShell() {
        JsonObject c = new JsonObject();
        String code = "org.transferlab.notebook.Part1.q";
        c.addProperty("code", code);
        c.addProperty("cursor_pos", code.length());
        Answer completed = request(shell, "complete_request", c, 30_000);
        var matches = completed.reply().getAsJsonArray("matches").toString();
        assertTrue(matches.contains("q1()") && matches.contains("q2()"), completed.reply().toString());
        assertEquals(code.length() - 1, completed.reply().get("cursor_start").getAsInt(), completed.reply().toString());

        JsonObject i = new JsonObject();
        String call = "org.transferlab.notebook.Part1.q2().temperature(";
        i.addProperty("code", call);
        i.addProperty("cursor_pos", call.length());
        i.addProperty("detail_level", 0);
        Answer inspected = request(shell, "inspect_request", i, 30_000);
        assertTrue(inspected.reply().get("found").getAsBoolean(), inspected.reply().toString());
        String text = inspected.reply().getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(text.contains("temperature(double"), text);
    }

    @Test
    void cellsRunInOrderWithValuesPrintsErrorsAndInterrupts() throws Exception {
        long t0 = System.nanoTime();
        // a value
        assertEquals("2", execute("1 + 1").text());
        // printed text is a stream
        assertEquals("hi\n", execute("System.out.println(\"hi\");").stdout());
        // a cell that does not compile: the error names its line, and the kernel goes on
        Answer bad = execute("int x = 1;\nint y = x +;\n");
        assertEquals("error", bad.reply().get("status").getAsString());
        String message = bad.error().get("evalue").getAsString();
        assertTrue(message.startsWith("line 2:"), message);
        // several snippets in one cell share state; the last expression is the value
        assertEquals("42", execute("int z = 40;\nz + 2").text());
        // TransferLab is on the cells' class path
        String zoo = execute("org.transferlab.models.ModelZoo.names()").text();
        assertTrue(zoo.contains("cnn-small") && zoo.contains("cnn-large"), zoo);
        // an image is shown as PNG, whole (noise: about 180 kB, far beyond what a JShell value string carries)
        JsonObject image = execute("var img = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);\n"
                + "var r = new Random(1);\n"
                + "for (int y = 0; y < 200; y++) for (int x = 0; x < 300; x++) img.setRGB(x, y, r.nextInt());\n"
                + "img").result();
        byte[] png = Base64.getDecoder().decode(image.get("image/png").getAsString());
        java.awt.image.BufferedImage back = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(300, back.getWidth());
        assertEquals(200, back.getHeight());
        // display() in the middle of a cell: a display_data with the chart, drawn by the export's own code
        Answer shown = execute("var c = org.jfree.chart.ChartFactory.createXYLineChart(\"t\", \"x\", \"y\", null);\n"
                + "display(c);\nSystem.out.println(\"after\");");
        List<JsonObject> displays = shown.of("display_data");
        assertEquals(1, displays.size(), () -> "one display_data: " + shown.iopub());
        assertNotNull(displays.get(0).getAsJsonObject("data").get("image/png"));
        assertEquals("after\n", shown.stdout());
        // a runtime exception: its class and message
        Answer thrown = execute("Object o = null;\no.toString();");
        assertTrue(thrown.error().getAsJsonArray("traceback").get(0).getAsString()
                .startsWith("java.lang.NullPointerException"), thrown.iopub().toString());
        System.out.printf("values, stream, errors, zoo, image, chart: %.1f s%n", (System.nanoTime() - t0) / 1e9);

        // an endless loop, stopped by an interrupt on the control channel
        long t1 = System.nanoTime();
        String loop = shell.send("execute_request", executeContent("while (true) {}"));
        Thread.sleep(1500);
        Answer interrupt = request(control, "interrupt_request", new JsonObject(), 10_000);
        assertTrue(interrupt.ok(), interrupt.reply().toString());
        Answer stopped = collect(shell, loop, 30_000);
        assertEquals("error", stopped.reply().get("status").getAsString());
        assertTrue(stopped.error().get("evalue").getAsString().contains("stopped"), stopped.iopub().toString());
        assertEquals("4", execute("2 + 2").text());
        assertEquals("40", execute("z").text(), "state kept after an interrupt");
        System.out.printf("interrupt: %.1f s%n", (System.nanoTime() - t1) / 1e9);

        // System.exit ends the cells' JVM only: the kernel says so and starts a fresh one
        long t2 = System.nanoTime();
        Answer exit = execute("System.exit(3);");
        assertEquals("error", exit.reply().get("status").getAsString());
        assertTrue(exit.error().get("evalue").getAsString().contains("System.exit"), exit.iopub().toString());
        assertEquals("3", execute("1 + 2").text());
        System.out.printf("System.exit and a fresh JVM: %.1f s%n", (System.nanoTime() - t2) / 1e9);
    }

    private Answer execute(String code) {
        return request(shell, "execute_request", executeContent(code), 30_000);
    }

    private static JsonObject executeContent(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return c;
    }

    private Answer request(Client channel, String type, JsonObject content, long ms) {
        return collect(channel, channel.send(type, content), ms);
    }

    /** The reply to request {@code id} on {@code channel}, and the request's iopub messages up to its idle status. */
    private Answer collect(Client channel, String id, long ms) {
        JsonObject reply = channel.next(ms);
        assertNotNull(reply, "a reply within " + ms + " ms");
        assertEquals(id, reply.getAsJsonObject("parent_header").get("msg_id").getAsString());
        List<JsonObject> published = new ArrayList<>();
        while (true) {
            JsonObject p = iopub.next(ms);
            assertNotNull(p, () -> "the idle status within " + ms + " ms; got " + published);
            JsonObject parent = p.getAsJsonObject("parent_header");
            if (!parent.has("msg_id") || !id.equals(parent.get("msg_id").getAsString())) {
                continue;
            }
            if (p.getAsJsonObject("header").get("msg_type").getAsString().equals("status")) {
                if (p.getAsJsonObject("content").get("execution_state").getAsString().equals("idle")) {
                    return new Answer(reply.getAsJsonObject("content"), published);
                }
                continue;
            }
            published.add(p);
        }
    }

    /**
     * A client end of a kernel channel, written from the protocol's description (not with the library under test):
     * the {@code <IDS|MSG>} delimiter, the HMAC-SHA256 signature of header, parent header, metadata and content,
     * then those four JSON frames.
     */
    static final class Client {
        private static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
        private final ZMQ.Socket socket;
        private final ZMQ.Poller poller;
        private final String key;

        Client(ZMQ.Context ctx, SocketType type, String key, int port) {
            this.key = key;
            socket = ctx.socket(type);
            socket.setLinger(0);
            socket.connect("tcp://127.0.0.1:" + port);
            poller = ctx.poller(1);
            poller.register(socket, ZMQ.Poller.POLLIN);
        }

        /** Sends a request; returns its message id. */
        String send(String type, JsonObject content) {
            JsonObject header = new JsonObject();
            String id = UUID.randomUUID().toString();
            header.addProperty("msg_id", id);
            header.addProperty("username", "test");
            header.addProperty("session", SESSION);
            header.addProperty("date", java.time.Instant.now().toString());
            header.addProperty("msg_type", type);
            header.addProperty("version", "5.3");
            byte[][] parts = {bytes(header.toString()), bytes("{}"), bytes("{}"), bytes(content.toString())};
            socket.sendMore(DELIMITER);
            socket.sendMore(sign(parts));
            for (int i = 0; i < parts.length; i++) {
                if (i < parts.length - 1) {
                    socket.sendMore(parts[i]);
                } else {
                    socket.send(parts[i]);
                }
            }
            return id;
        }

        /** The next message as {header, parent_header, content}, or null after {@code ms}; checks its signature. */
        JsonObject next(long ms) {
            if (poller.poll(ms) <= 0) {
                return null;
            }
            byte[] frame = socket.recv();
            while (!java.util.Arrays.equals(frame, DELIMITER)) {
                frame = socket.recv(); // identities (none on a DEALER), the topic on iopub
            }
            String signature = socket.recvStr();
            byte[][] parts = new byte[4][];
            for (int i = 0; i < 4; i++) {
                parts[i] = socket.recv();
            }
            while (socket.hasReceiveMore()) {
                socket.recv(); // buffers
            }
            assertEquals(sign(parts), signature, "the kernel signs with the connection file's key");
            JsonObject m = new JsonObject();
            m.add("header", JsonParser.parseString(new String(parts[0], StandardCharsets.UTF_8)));
            m.add("parent_header", JsonParser.parseString(new String(parts[1], StandardCharsets.UTF_8)));
            m.add("content", JsonParser.parseString(new String(parts[3], StandardCharsets.UTF_8)));
            return m;
        }

        private String sign(byte[][] parts) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(bytes(key), "HmacSHA256"));
                for (byte[] p : parts) {
                    mac.update(p);
                }
                return java.util.HexFormat.of().formatHex(mac.doFinal());
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        void close() {
            socket.close();
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                open.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) {
                s.close();
            }
        }
        return ports;
    }
}
