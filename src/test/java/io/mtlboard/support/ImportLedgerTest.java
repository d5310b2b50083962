package io.mtlboard.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.mtlboard.imports.LiteratureImporter;
import io.mtlboard.run.LeaderboardVersion;
import io.mtlboard.run.Run;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@QuarkusTest
class ImportLedgerTest {

    private static final String CITATION = "Ledger test source";

    @Inject LiteratureImporter importer;
    @Inject LeaderboardVersion version;

    @AfterEach
    void clean() {
        QuarkusTransaction.requiringNew()
                .run(
                        () -> {
                            Run.<Run>list("citation", CITATION)
                                    .forEach(
                                            r -> {
                                                r.claims.clear();
                                                r.delete();
                                            });
                            Run.getEntityManager()
                                    .createNativeQuery(
                                            "delete from import_file where import_key like 'literature:%junit%'")
                                    .executeUpdate();
                        });
        version.bumpAll();
    }

    private static long rows() {
        return QuarkusTransaction.requiringNew().call(() -> Run.count("citation", CITATION));
    }

    @Test
    void shouldSkipAnImportWhoseFilesAreUnchangedAndRedoItWhenOneChanges(@TempDir Path dir)
            throws IOException {
        Path csv = dir.resolve("ledger.csv");
        Files.writeString(
                csv,
                """
                benchmark,backbone,method,optimizer,gradient_level,seeds,protocol,art.accuracy,clipart.accuracy,product.accuracy,realWorld.accuracy,citation
                office-home,resnet18,famo,sgd,param,2,recon-2023,60,70,80,90,Ledger test source
                """);
        assertThat(importer.importChanged(dir)).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
        // the row is gone from the database, but the files did not change: the import is skipped
        QuarkusTransaction.requiringNew()
                .run(
                        () ->
                                Run.<Run>list("citation", CITATION)
                                        .forEach(
                                                r -> {
                                                    r.claims.clear();
                                                    r.delete();
                                                }));
        assertThat(importer.importChanged(dir)).isZero();
        assertThat(rows()).isZero();
        // an edited file is imported again
        Files.writeString(csv, Files.readString(csv).replace(",60,", ",61,"));
        assertThat(importer.importChanged(dir)).isEqualTo(1);
        assertThat(rows()).isEqualTo(1);
        // so is an added file
        Files.writeString(dir.resolve("other.csv"), Files.readString(csv).replace("famo", "ew"));
        assertThat(importer.importChanged(dir)).isEqualTo(1);
    }

    @Test
    void shouldChangeTheDigestWithNamesAndContents(@TempDir Path dir) throws IOException {
        Path a = Files.writeString(dir.resolve("a.csv"), "x");
        Path b = Files.writeString(dir.resolve("b.csv"), "x");
        String ab = ImportLedger.digest(dir, List.of(a, b));
        assertThat(ImportLedger.digest(dir, List.of(a, b))).isEqualTo(ab);
        assertThat(ImportLedger.digest(dir, List.of(a))).isNotEqualTo(ab);
        Files.writeString(b, "y");
        assertThat(ImportLedger.digest(dir, List.of(a, b))).isNotEqualTo(ab);
        Files.move(b, dir.resolve("c.csv"));
        Files.writeString(dir.resolve("c.csv"), "x");
        assertThat(ImportLedger.digest(dir, List.of(a, dir.resolve("c.csv")))).isNotEqualTo(ab);
    }
}
