package io.mtlboard.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mtlboard.analysis.grouping.Network;
import io.mtlboard.support.ProblemException;
import io.mtlboard.support.Violation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupingTableTest {

    @Test
    void shouldReadTasksFromTheHeaderAndOneNetworkPerLine() {
        GroupingTable.Parsed p =
                GroupingTable.parse(
                        """
                # three tasks
                cost,a,b,c
                0.5,0.6,,
                1,0.5,0.4,
                1,0.5,,0.3
                1,,0.4,0.35
                1, 0.45 ,0.41,0.31
                """);
        assertThat(p.violations()).isEmpty();
        assertThat(p.tasks()).containsExactly("a", "b", "c");
        assertThat(p.networks()).hasSize(5);
        assertThat(p.networks().get(0)).isEqualTo(new Network(Map.of("a", 0.6), 0.5));
        assertThat(p.networks().get(4))
                .isEqualTo(new Network(Map.of("a", 0.45, "b", 0.41, "c", 0.31), 1));
    }

    @Test
    void shouldListEveryProblemWithItsLineAndColumn() {
        GroupingTable.Parsed p =
                GroupingTable.parse(
                        """
                cost,a,b,c
                0,0.6,,
                1,x,0.4,
                1,,,
                1,0.5
                1,0.5,,0.3
                1,0.5,,0.3
                """);
        assertThat(p.networks()).isEmpty();
        assertThat(p.violations())
                .extracting(Violation::field)
                .containsExactly(
                        "line 2, column cost", "line 3, column a", "line 4", "line 5", "line 7");
        assertThat(p.violations().get(0).message()).contains("must be positive");
        assertThat(p.violations().get(1).message()).contains("'x' is not a finite number");
        assertThat(p.violations().get(3).message()).contains("expected 4 columns, got 2");
        assertThat(p.violations().get(4).message()).contains("already given on line 6");
    }

    @Test
    void shouldNeedExactlyOneNetworkPerPairAndEveryTaskSolved() {
        GroupingTable.Parsed p = GroupingTable.parse("cost,a,b,c\n1,0.5,0.4,\n1,0.5,,0.3\n");
        assertThat(p.violations())
                .extracting(Violation::message)
                .containsExactly(
                        "no network for the pair [b, c]; the higher-order approximation needs exactly one per pair");
        GroupingTable.Parsed twice = GroupingTable.parse("cost,a,b\n1,0.5,0.4\n0.5,0.5,0.4\n");
        assertThat(twice.violations())
                .extracting(Violation::message)
                .containsExactly(
                        "2 networks for the pair [a, b]; the higher-order approximation needs exactly one per pair");
    }

    @Test
    void shouldRejectBadHeadersAndEmptyInput() {
        assertThat(GroupingTable.parse("").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("empty table"));
        assertThat(GroupingTable.parse("loss,a,b\n").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("must start with 'cost'"));
        assertThat(GroupingTable.parse("cost,a,a,9x\n").violations())
                .extracting(Violation::field)
                .containsExactly("line 1, column 3", "line 1, column 4");
        assertThat(GroupingTable.parse("cost,a\n1,2\n").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("2 to 5 tasks, got 1"));
        assertThat(GroupingTable.parse("cost,a,b,c,d,e,f\n").violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).contains("got 6"));
        // a table over the size limit is a body over a limit: a 413 problem, not a violation list
        assertThatThrownBy(() -> GroupingTable.parse("cost,a,b\n" + "1,0.5,0.5\n".repeat(2000)))
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        e -> {
                            assertThat(e.status()).isEqualTo(413);
                            assertThat(e.violations())
                                    .singleElement()
                                    .satisfies(
                                            v ->
                                                    assertThat(v.message())
                                                            .startsWith(
                                                                    "at most 20000 characters"));
                        });
        assertThat(GroupingTable.parse("cost,a,b\n" + "1,0.5,0.5\n".repeat(65)).violations())
                .singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("at most 64 networks, got 65"));
    }

    @Test
    void shouldReadTheTablesOfTheBuiltInDataSet() throws Exception {
        for (String table : List.of("validation.csv", "test.csv", "early-stopping-20.csv")) {
            String csv =
                    Files.readString(
                            Path.of("benchmarks-data/task-grouping/standley2020-setting1", table));
            GroupingTable.Parsed p = GroupingTable.parse(csv);
            assertThat(p.violations()).as(table).isEmpty();
            assertThat(p.tasks())
                    .containsExactly("semseg", "depth", "normals", "keypoints", "edges");
            // 5 half-size single-task networks + 2^5 − 1 full-size subsets
            assertThat(p.networks()).hasSize(36);
            assertThat(csv.split("\n")[0]).startsWith("# Standley et al.");
        }
    }
}
