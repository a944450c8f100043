package io.rcmos.server.batches;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadSpoolTest {

    @TempDir
    Path dir;

    @Test
    void readsBackExactlyWhatWasSpooledAndNothingIsInClearOnDisk() throws IOException {
        for (int size : new int[]{0, 1, 65_535, 65_536, 65_537, 300_001}) {
            byte[] data = new byte[size];
            new Random(size).nextBytes(data);
            String marker = "MEMBER-UHC202649";
            if (size > marker.length()) {
                System.arraycopy(marker.getBytes(StandardCharsets.US_ASCII), 0, data, 0, marker.length());
            }
            try (UploadSpool spool = UploadSpool.of(new ByteArrayInputStream(data), dir)) {
                assertThat(spool.size()).isEqualTo(size);
                assertThat(new String(Files.readAllBytes(spool.file()), StandardCharsets.ISO_8859_1)).doesNotContain(marker);
                try (InputStream in = spool.open()) {
                    assertThat(in.readAllBytes()).isEqualTo(data);
                }
                try (InputStream in = spool.open()) {
                    assertThat(in.readAllBytes()).as("read twice").isEqualTo(data);
                }
            }
        }
        try (var left = Files.list(dir)) {
            assertThat(left).as("spools are deleted on close").isEmpty();
        }
    }

    @Test
    void aDamagedOrCutSpoolFailsToRead() throws IOException {
        byte[] data = new byte[200_000];
        try (UploadSpool spool = UploadSpool.of(new ByteArrayInputStream(data), dir)) {
            byte[] raw = Files.readAllBytes(spool.file());
            raw[100] ^= 1;
            Files.write(spool.file(), raw);
            assertThatThrownBy(() -> {
                try (InputStream in = spool.open()) {
                    in.readAllBytes();
                }
            }).isInstanceOf(IOException.class);
            byte[] cut = java.util.Arrays.copyOf(raw, raw.length / 2);
            raw[100] ^= 1;
            Files.write(spool.file(), java.util.Arrays.copyOf(raw, 65_536 + 4 + 12 + 16));
            assertThatThrownBy(() -> {
                try (InputStream in = spool.open()) {
                    in.readAllBytes();
                }
            }).isInstanceOf(IOException.class);
            assertThat(cut).isNotEmpty();
        }
    }

    @Test
    void aFailedReadLeavesNoFile() throws IOException {
        InputStream failing = new InputStream() {
            int n;

            @Override
            public int read() throws IOException {
                if (++n > 100_000) {
                    throw new IOException("client went away");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> UploadSpool.of(failing, dir)).isInstanceOf(IOException.class);
        try (var left = Files.list(dir)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void staleSpoolsOfAStoppedProcessAreRemovedAndFreshOnesKept() throws IOException {
        Path stale = Files.writeString(dir.resolve("upload-1.sealed"), "x");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
        Path fresh = Files.writeString(dir.resolve("upload-2.sealed"), "x");
        Path other = Files.writeString(dir.resolve("notes.txt"), "x");
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(java.time.Instant.now().minus(java.time.Duration.ofHours(2))));
        UploadSpool.removeStale(dir, java.time.Duration.ofHours(1));
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists();
    }
}
