package dev.guildhall.simulator.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reads and writes {@link SimulatorState} as JSON. Writes go to a temporary file that replaces the old one, so a
 * crash never leaves half a file. An unreadable file is moved aside ({@code .corrupt}) and the simulator starts over.
 */
public final class StateStore {
    private static final Logger log = LoggerFactory.getLogger(StateStore.class);
    private final Path path;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public StateStore(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** The stored state, or a fresh one when there is none (or it belongs to another core-server URL). */
    public SimulatorState load(String coreUrl) {
        if (!Files.isRegularFile(path)) {
            return fresh(coreUrl);
        }
        try {
            SimulatorState s = json.readValue(path.toFile(), SimulatorState.class);
            if (s == null) {
                return fresh(coreUrl);
            }
            if (s.coreUrl != null && !s.coreUrl.equals(coreUrl)) {
                log.info("state file {} belongs to {}, not {}: starting over", path, s.coreUrl, coreUrl);
                return fresh(coreUrl);
            }
            s.coreUrl = coreUrl;
            return s;
        } catch (IOException e) {
            Path aside = path.resolveSibling(path.getFileName() + ".corrupt");
            log.warn("state file {} is unreadable ({}); moved to {} and starting over", path, e.getMessage(), aside);
            try {
                Files.move(path, aside, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException moveFailed) {
                log.warn("could not move {} aside: {}", path, moveFailed.toString());
            }
            return fresh(coreUrl);
        }
    }

    public void save(SimulatorState state) {
        try {
            Path dir = path.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), state);
            try {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write state file " + path, e);
        }
    }

    private static SimulatorState fresh(String coreUrl) {
        SimulatorState s = new SimulatorState();
        s.coreUrl = coreUrl;
        return s;
    }
}
