package dev.wsprobe.cli;

import dev.wsprobe.standalone.ServerTuning;
import dev.wsprobe.server.AllowedOrigins;
import dev.wsprobe.server.ByteSizes;
import dev.wsprobe.server.Durations;
import dev.wsprobe.server.MessageLogging;
import dev.wsprobe.server.Subprotocols;
import dev.wsprobe.sender.WebSocketUrl;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/** Parsers for the human-friendly values the CLI accepts. */
public final class Converters {
    private Converters() {
    }

    /**
     * The ws:// or wss:// URL argument of a client command ({@code send}, {@code check}, {@code load}). Not a
     * picocli converter on purpose: a conversion error would be prefixed with picocli's "Invalid value for
     * positional parameter", and the user's first words should be "bad URL" and why.
     */
    static URI webSocketUrl(CommandSpec spec, String url) {
        try {
            return WebSocketUrl.parse(url);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, url);
        }
    }

    /**
     * A converter from one of the core's {@code parse} methods: its {@link IllegalArgumentException}'s one-line
     * reason (what to write instead) becomes picocli's conversion error.
     */
    abstract static class Parsing<T> implements ITypeConverter<T> {
        private final Function<String, T> parse;

        Parsing(Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String value) {
            try {
                return parse.apply(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code 1s}, {@code 500ms}, {@code 1.5s}, {@code 2m}, {@code 1h}; a bare number means seconds. */
    static final class DurationConverter extends Parsing<Duration> {
        DurationConverter() {
            super(Durations::parse);
        }
    }

    /** {@code 65536}, {@code 64k} / {@code 64KiB}, {@code 1m} / {@code 1MiB}: see {@link ByteSizes}. */
    static final class ByteSizeConverter extends Parsing<Integer> {
        ByteSizeConverter() {
            super(ByteSizes::parse);
        }
    }

    /** A size as {@link ByteSizeConverter} reads it, or {@code 0} for "the default". */
    static final class ByteSizeOrZeroConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return value.trim().equals("0") ? 0 : new ByteSizeConverter().convert(value);
        }
    }

    /** {@code auto}, {@code every}, {@code summary}. */
    static final class MessageLoggingConverter extends Parsing<MessageLogging> {
        MessageLoggingConverter() {
            super(MessageLogging::parse);
        }
    }

    /** {@code same-thread}, {@code worker-thread}, {@code leader-follower}, {@code dynamic}. */
    static final class IoStrategyConverter extends Parsing<ServerTuning.Strategy> {
        IoStrategyConverter() {
            super(ServerTuning.Strategy::parse);
        }
    }

    /** {@code *}, or {@code http://localhost:3000,https://tools.example.com}; empty for the default. */
    static final class AllowedOriginsConverter extends Parsing<AllowedOrigins> {
        AllowedOriginsConverter() {
            super(AllowedOrigins::parse);
        }
    }

    /** {@code chat,json.v1}; empty for any. */
    static final class SubprotocolsConverter extends Parsing<Subprotocols> {
        SubprotocolsConverter() {
            super(Subprotocols::parse);
        }
    }
}
