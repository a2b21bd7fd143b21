package org.attentionworkbench.app.cli;

import static org.attentionworkbench.app.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.attentionworkbench.app.Main;
import org.attentionworkbench.compute.device.Devices;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;

/** The parser itself: help per command, typos, missing options, exit codes, --version, completion. */
class CliParserTest {

    @AfterEach
    void clearDeviceProperty() {
        System.clearProperty(Devices.PROPERTY);
    }

    /** Every command's path below the root ("attention", "bench gemm", ...), from the real command tree. */
    private static List<List<String>> commandPaths(CommandLine cl, List<String> prefix, List<List<String>> into) {
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> path = new ArrayList<>(prefix);
                path.add(name);
                into.add(path);
                commandPaths(sub, path, into);
            }
        });
        return into;
    }

    @Test
    void everyCommandHasHelpListingEachOptionWithItsDescriptionAndDefault() {
        CommandLine root = Cli.commandLine(System.out, System.err);
        List<List<String>> paths = commandPaths(root, List.of(), new ArrayList<>());
        assertTrue(paths.size() >= 11, "all commands found: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRun r = run(args.toArray(String[]::new));
            String name = String.join(" ", path);
            assertEquals(0, r.code(), name + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: workbench " + name + " "), name + ": " + r.out());
            CommandLine cmd = root;
            for (String p : path) {
                cmd = cmd.getSubcommands().get(p);
            }
            String flat = r.out().replaceAll("\\s+", " ");
            for (OptionSpec o : cmd.getCommandSpec().options()) {
                assertTrue(r.out().contains(o.longestName()), name + " --help lists " + o.longestName());
                String description = String.join(" ", o.description()).replaceAll("\\s+", " ");
                assertFalse(description.isBlank(), name + " " + o.longestName() + " has a description");
                String start = description.substring(0, Math.min(25, description.length()));
                assertTrue(flat.contains(start), name + " --help describes " + o.longestName() + ": " + start);
                if (o.defaultValue() != null && !o.defaultValue().isEmpty()) {
                    assertTrue(flat.contains("Default: " + o.defaultValue()),
                            name + " --help shows the default of " + o.longestName());
                }
            }
        }
    }

    @Test
    void helpOfACommandNamesItsOwnOptions() {
        CliRun r = run("attention", "--help");
        for (String option : List.of("--model", "--image", "--out", "--native", "--device")) {
            assertTrue(r.out().contains(option), r.out());
        }
        assertFalse(r.out().contains("--hints"), "colorize's options are not attention's");
        CliRun c = run("help", "colorize");
        assertEquals(0, c.code());
        assertTrue(c.out().contains("Default: attention") && c.out().contains("Default: 256"), c.out());
    }

    @Test
    void aMistypedCommandOrOptionGetsASuggestionAndExitCode2() {
        CliRun command = run("attenton", "--model", "m");
        assertEquals(2, command.code());
        assertTrue(command.err().contains("Unknown command 'attenton'"), command.err());
        assertTrue(command.err().contains("Did you mean: attention?"), command.err());

        CliRun option = run("attention", "--modle", "vit4mnist", "--image", "a.png", "--out", "o");
        assertEquals(2, option.code());
        assertTrue(option.err().startsWith("workbench attention: Unknown option '--modle'"), option.err());
        assertTrue(option.err().contains("Did you mean: --model?"), option.err());

        CliRun nested = run("bench", "gmm");
        assertEquals(2, nested.code());
        assertTrue(nested.err().contains("Did you mean: gemm?"), nested.err());

        CliRun global = run("--devcie", "java", "devices");
        assertEquals(2, global.code());
        assertTrue(global.err().contains("Did you mean: --device?"), global.err());
    }

    @Test
    void suggestionsAreCloseNamesOnly() {
        List<String> names = List.of("attention", "text-attention", "colorize", "colorize-eval", "devices");
        assertEquals(List.of("attention"), Cli.similar("attenton", names));
        assertEquals(List.of("devices"), Cli.similar("devcies", names));
        assertEquals(List.of("colorize", "colorize-eval"), Cli.similar("color", names));
        assertEquals(List.of(), Cli.similar("frobnicate", names));
        assertEquals(List.of("--model"), Cli.similar("--modle", List.of("--model", "--out", "--image", "-h")));
    }

    @Test
    void aMissingRequiredOptionIsOneClearLineAndExitCode2() {
        CliRun r = run("colorize", "--image", "a.png", "--out", "x.png");
        assertEquals(2, r.code());
        String first = r.err().lines().findFirst().orElse("");
        assertEquals("workbench colorize: Missing required option: '--hints=HINTS.json'", first);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        CliRun value = run("colorize", "--image", "a.png", "--hints", "h.json", "--out", "x.png", "--working-size",
                "big");
        assertEquals(2, value.code());
        assertTrue(value.err().startsWith("workbench colorize: Invalid value for option '--working-size'"), value.err());
    }

    @Test
    void aFailureAtRunTimeIsOneLineWithTheCommandAndExitCode1(@TempDir Path dir) {
        Path missing = dir.resolve("missing.png");
        CliRun r = run("--device", "java", "colorize", "--image", missing.toString(), "--hints", "h.json", "--out",
                dir.resolve("x.png").toString());
        assertEquals(1, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("workbench colorize: ") && r.err().contains("missing.png"), r.err());
    }

    @Command(name = "overflow")
    static final class Overflow implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new StackOverflowError();
        }
    }

    @Test
    void aStackOverflowIsOneLineAndExitCode1() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cl = Cli.commandLine(System.out, new PrintStream(err, true, StandardCharsets.UTF_8));
        cl.addSubcommand(new Overflow());
        assertEquals(1, Cli.run(cl, new String[] {"overflow"}));
        assertEquals("workbench overflow: StackOverflowError" + System.lineSeparator(),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anAtSignIsPartOfTheValueNotAnArgumentFile(@TempDir Path dir) throws Exception {
        Path argFile = Files.writeString(dir.resolve("photo.png"), "--image\nsomething-else.png\n");
        CliRun r = run("--device", "java", "colorize", "--image", "@" + argFile, "--hints", "h.json", "--out",
                dir.resolve("x.png").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("@" + argFile), r.err());
    }

    @Test
    void deviceBeforeOrAfterTheCommandAndNoCommandStartsTheGui() {
        for (String[] args : List.of(new String[] {"--device", "java", "devices"},
                new String[] {"devices", "--device", "java"}, new String[] {"devices", "--device=java"})) {
            System.clearProperty(Devices.PROPERTY);
            CliRun r = run(args);
            assertEquals(0, r.code(), r.err());
            assertEquals("java", JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonObject("selected")
                    .get("selector").getAsString(), String.join(" ", args));
        }
        System.clearProperty(Devices.PROPERTY);
        assertEquals(Main.START_GUI, run().code());
        assertEquals(null, System.getProperty(Devices.PROPERTY), "no --device, no override of the GUI's setting");
        assertEquals(Main.START_GUI, run("--device", "java").code());
        assertEquals("java", System.getProperty(Devices.PROPERTY));
    }

    @Test
    void aFileWithNoCommandStartsTheGuiOnThatFile(@TempDir Path dir) throws Exception {
        Path photo = Files.writeString(dir.resolve("photo.png"), "not checked here");
        System.clearProperty(Devices.PROPERTY);
        assertEquals(Main.START_GUI, run(photo.toString()).code());
        assertEquals(Main.START_GUI, run("--device", "java", photo.toString()).code());
        assertEquals(List.of(photo), Cli.filesToOpen(List.of("--device", "java", photo.toString())));
        assertEquals(List.of(), Cli.filesToOpen(List.of("devices")));
        assertEquals(List.of(), Cli.filesToOpen(List.of()));

        CliRun missing = run(dir.resolve("gone.png").toString());
        assertEquals(2, missing.code(), "a word that is neither a command nor a file is a usage error");
        assertTrue(missing.err().contains("Unknown command '" + dir.resolve("gone.png") + "'"), missing.err());
        System.clearProperty(Devices.PROPERTY);
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().matches("(?s)Attention Workbench \\d+\\.\\d+\\.\\d+.*\\nJava .*"), r.out());
    }

    @Test
    void benchWithoutABenchmarkListsThemAndBenchVitPointsToTheLauncher() {
        CliRun r = run("bench");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("gemm") && r.err().contains("anomaly") && r.err().contains("vit"), r.err());
        CliRun vit = run("bench", "vit", "--runs", "3");
        assertEquals(2, vit.code());
        assertTrue(vit.err().contains("./workbench bench vit"), vit.err());
    }

    @Test
    void completionScriptCoversTheCommandsAndCompletesInBash(@TempDir Path dir) throws Exception {
        CliRun r = run("completion");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out());
        for (String name : List.of("devices", "attention", "text-attention", "anomaly", "colorize", "colorize-eval",
                "bench", "gemm", "--working-size", "--backbone")) {
            assertTrue(r.out().contains(name), "completion knows " + name);
        }
        assertTrue(r.out().contains("complete -F _complete_workbench"), "registered for ./workbench");
        assertTrue(run("completion", "--name", "attention-workbench").out()
                .contains("complete -F _complete_attention-workbench"), "and for an installed copy");

        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "no bash here: the script is not run");
        Path script = dir.resolve("workbench-completion.bash");
        Files.writeString(script, r.out());
        String probe = "source '" + script + "' 2>/dev/null\n"
                + "t() { COMP_WORDS=(\"$@\"); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMP_LINE=\"$*\";"
                + " COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_workbench 2>/dev/null; echo \"${COMPREPLY[*]}\"; }\n"
                + "t workbench col\nt workbench colorize --method ''\nt workbench bench ''\n";
        Process p = new ProcessBuilder(bash.toString(), "-c", probe).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(List.of("colorize colorize-eval", "attention levin", "gemm anomaly vit depth pointcloud pointcloud-draw zoo-kernels zoo"), lines);
    }
}
