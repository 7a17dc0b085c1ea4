package dev.wsprobe.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command that connects as a client takes ({@code send}, {@code connect}, {@code check},
 * {@code load}), declared once: the client options (headers, credentials, Origin, subprotocols, proxy,
 * compression), the TLS trust and the logging flags, and the command itself for its usage errors.
 */
public final class ClientCommandOptions {
    @Mixin
    ClientOptionsMixin client;

    @Mixin
    ClientTrustOptions trust;

    @Mixin
    LoggingOptions logging;

    /** The command these options belong to (not this mixin's own spec). */
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;
}
