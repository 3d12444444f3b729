package grocer;

import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * mongo-java-server on 127.0.0.1 for Grocer's tests: `java -jar grocer-mongo-test-server.jar [port] [file]`.
 * Port 0 picks a free one; the first line printed is "listening on <port>". Without a file the data lives in
 * memory (each update is atomic on its document: the collection is locked while it runs); with a file, in
 * H2's MVStore there, every command run alone and written to the file before it is answered, so a SIGKILL
 * loses nothing acknowledged (the fault-injection tests kill the server and start it again on that file).
 * It stops when its standard input closes.
 */
public final class TestServer {

    /** MongoDB 6.0's wire version: the Node driver 7 refuses servers below 9 (mongo-java-server reports 8). */
    private static final MongoVersion VERSION = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(6, 0, 0);
        }

        @Override
        public int getWireVersion() {
            return 17;
        }
    };

    /** The on-disk backend, one command at a time, each committed to the file before its answer. */
    static final class DurableH2Backend extends H2Backend {
        DurableH2Backend(String file) {
            super(file);
        }

        @Override
        public synchronized Document handleCommand(Channel channel, String database, String command, Document query) {
            try {
                return super.handleCommand(channel, database, command, query);
            } finally {
                commit();
            }
        }
    }

    public static void main(String[] args) {
        // mongo-java-server's warnings and errors (a connection it drops says why) on stderr, nothing else.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        MongoBackend backend = args.length > 1 ? new DurableH2Backend(args[1]) : new MemoryBackend();
        backend.version(VERSION);
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        System.out.println("listening on " + server.getLocalAddress().getPort());
        System.out.flush();
        // Stops when its standard input closes: a test process that dies leaves no server behind.
        Thread watch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing to read: only the end matters
                }
            } catch (java.io.IOException e) {
                // the same as the end
            }
            System.exit(0);
        });
        watch.setDaemon(true);
        watch.start();
    }
}
