package dev.wsprobe.certificates;

import dev.wsprobe.tls.TlsIdentity;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for development and tests, made in memory: a self-signed server certificate, or a small
 * certificate authority that issues server certificates (closer to production: clients trust the CA, not
 * the leaf). EC P-256 keys, SHA-256 signatures; uses the JDK's providers, BouncyCastle only to build the
 * certificate structure.
 */
public final class DevelopmentCertificates {
    /** The names the standalone server's {@code --self-signed} certificate covers. */
    public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevelopmentCertificates() {
    }

    /** A certificate signed by its own key, valid for {@code names} (DNS names or IP literals). */
    public static TlsIdentity selfSigned(List<String> names) {
        KeyPair keys = newKeyPair();
        X500Name subject = distinguishedName(names.get(0));
        X509Certificate certificate = build(subject, keys.getPublic(), subject, keys.getPrivate(),
                keys.getPublic(), names, false);
        return new TlsIdentity(keys.getPrivate(), List.of(certificate));
    }

    /** A new certificate authority that can issue server certificates. */
    public static Authority newAuthority(String commonName) {
        KeyPair keys = newKeyPair();
        X500Name subject = distinguishedName(commonName);
        X509Certificate certificate = build(subject, keys.getPublic(), subject, keys.getPrivate(),
                keys.getPublic(), List.of(), true);
        return new Authority(subject, keys, certificate);
    }

    /** A CA held in memory. */
    public static final class Authority {
        private final X500Name subject;
        private final KeyPair keys;
        private final X509Certificate certificate;

        private Authority(X500Name subject, KeyPair keys, X509Certificate certificate) {
            this.subject = subject;
            this.keys = keys;
            this.certificate = certificate;
        }

        public X509Certificate certificate() {
            return certificate;
        }

        /** A server identity for {@code names}, valid from now on, chain = [leaf, this CA]. */
        public TlsIdentity issue(List<String> names) {
            Instant now = Instant.now();
            return issue(names, now.minus(Duration.ofMinutes(1)), now.plus(VALIDITY));
        }

        /** The same with a chosen validity, e.g. an expired certificate to see how clients react. */
        public TlsIdentity issue(List<String> names, Instant notBefore, Instant notAfter) {
            KeyPair leafKeys = newKeyPair();
            X500Name leafSubject = distinguishedName(names.get(0));
            X509Certificate leaf = build(leafSubject, leafKeys.getPublic(), subject, keys.getPrivate(),
                    keys.getPublic(), names, false, notBefore, notAfter);
            return new TlsIdentity(leafKeys.getPrivate(), List.of(leaf, certificate));
        }
    }

    /** Most significant part first in the encoding, so tools print {@code CN=localhost,O=wsprobe development}. */
    private static X500Name distinguishedName(String commonName) {
        return new X500Name("O=wsprobe development,CN=" + commonName);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always supports EC P-256", e);
        }
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer,
            PrivateKey issuerKey, PublicKey issuerPublicKey, List<String> names, boolean authority) {
        Instant now = Instant.now();
        // a minute back: tolerate small clock differences between test processes
        return build(subject, subjectKey, issuer, issuerKey, issuerPublicKey, names, authority,
                now.minus(Duration.ofMinutes(1)), now.plus(VALIDITY));
    }

    private static X509Certificate build(X500Name subject, PublicKey subjectKey, X500Name issuer,
            PrivateKey issuerKey, PublicKey issuerPublicKey, List<String> names, boolean authority,
            Instant notBefore, Instant notAfter) {
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(subjectKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(issuerPublicKey));
            if (authority) {
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                // both purposes: the same kind of certificate serves a server, or a client for mutual TLS
                builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                builder.addExtension(Extension.subjectAlternativeName, false, subjectAlternativeNames(names));
            }
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a development certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames subjectAlternativeNames(List<String> names) {
        List<GeneralName> alternatives = new ArrayList<>();
        for (String name : names) {
            alternatives.add(isIpLiteral(name)
                    ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        return new GeneralNames(alternatives.toArray(new GeneralName[0]));
    }

    private static boolean isIpLiteral(String name) {
        return name.contains(":") || name.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
