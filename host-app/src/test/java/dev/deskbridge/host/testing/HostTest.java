package dev.deskbridge.host.testing;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A test against a fresh host per test method, with default options. */
public abstract class HostTest {
    @TempDir
    protected Path dir;

    protected HostFixture f;

    @BeforeEach
    void startHost() {
        f = HostFixture.in(dir).start();
    }

    @AfterEach
    void stopHost() {
        f.close();
    }
}
