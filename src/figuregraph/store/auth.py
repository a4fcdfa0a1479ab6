"""Credentials for remote stores: from the environment or ``~/.netrc``, never from a command line or a URL.

``FIGUREGRAPH_ENDPOINT_USER`` and ``FIGUREGRAPH_ENDPOINT_PASSWORD`` if set, else the ``~/.netrc`` entry of
the endpoint's host. They are sent once an endpoint asks for them (a 401 challenge), in the scheme it
asks for (Digest or Basic), then up front to the URL that asked, and only to the hosts of the URLs they
were looked up for. A URL carrying a
user or password is refused with a message that shows neither, and every message of a store that holds a
password passes through ``Credentials.redact``.
"""

from __future__ import annotations

import base64
import netrc
import os
import urllib.parse
import urllib.request
import weakref
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import IO
from collections.abc import Mapping, Sequence

from ..errors import UsageError

USER_VARIABLE = "FIGUREGRAPH_ENDPOINT_USER"
PASSWORD_VARIABLE = "FIGUREGRAPH_ENDPOINT_PASSWORD"
WHERE_TO_SET = (f"set {USER_VARIABLE} and {PASSWORD_VARIABLE}, or add a 'machine HOST login USER password ...' "
                "line to ~/.netrc")


@dataclass(frozen=True)
class Credentials:
    """A user and password, and where they came from (for messages; the password is never shown)."""

    user: str
    password: str = field(repr=False)
    origin: str = "the environment"

    def redact(self, message: str) -> str:
        """The message with the password blotted out, wherever a server or a library put it."""
        return message.replace(self.password, "***") if self.password else message


def without_userinfo(url: str) -> str:
    """The URL with any ``user:password@`` removed: the only form of it a message may show."""
    parsed = urllib.parse.urlsplit(url)
    host = parsed.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parsed._replace(netloc=host))


def refuse_userinfo(url: str) -> None:
    """A UsageError for a URL with a user or password in it (a command line and its history would keep it)."""
    if "@" in urllib.parse.urlsplit(url).netloc:
        raise UsageError(f"the endpoint URL {without_userinfo(url)} is given with a user name or password in it; "
                         f"give the URL without them and {WHERE_TO_SET}")


def credentials_for(url: str, environ: Mapping[str, str] | None = None,
                    netrc_file: Path | None = None) -> Credentials | None:
    """The credentials for an endpoint: the environment's, else the netrc entry of its host, else None."""
    env = os.environ if environ is None else environ
    user, password = env.get(USER_VARIABLE), env.get(PASSWORD_VARIABLE)
    if user or password:
        if not (user and password):
            missing = PASSWORD_VARIABLE if user else USER_VARIABLE
            raise UsageError(f"{missing} is not set: set both {USER_VARIABLE} and {PASSWORD_VARIABLE}, or neither")
        return Credentials(user, password)
    return _from_netrc(urllib.parse.urlsplit(url).hostname or "", netrc_file)


def _from_netrc(host: str, netrc_file: Path | None) -> Credentials | None:
    """The netrc entry of a host. The default file is read as netrc.netrc() reads it: refused if
    others may read it."""
    path = netrc_file or Path.home() / ".netrc"
    try:
        entry = netrc.netrc(str(netrc_file) if netrc_file else None).authenticators(host)
    except FileNotFoundError:
        return None
    except netrc.NetrcParseError as exc:
        # its message may quote a token of the file, which may be a password
        why = exc.msg if "permissive" in exc.msg else "it is malformed (its text is not shown: it holds passwords)"
        raise UsageError(f"cannot read {path}, line {exc.lineno}: {why}") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    if entry is None or not entry[0] or not entry[2]:
        return None
    return Credentials(entry[0], entry[2], f"{path}")


SCHEMES = ("digest", "basic")


def _scheme(challenge: str) -> str:
    return challenge.strip().partition(" ")[0].lower()


def _where(req: urllib.request.Request) -> str:
    """The URL without its query: where a challenge came from, and where credentials go up front."""
    return req.full_url.partition("?")[0]


class _Challenged(urllib.request.HTTPDigestAuthHandler):
    """Answers an endpoint's 401 in the scheme its challenge names (Digest or Basic), once per request.

    Once a URL has challenged, later requests to it carry the credentials from the start (a digest
    nonce may serve several requests): an endpoint may refuse a long body without reading it, which
    breaks the connection before its 401 can be read. A second 401 for a request that answered a
    challenge is the endpoint refusing the credentials, and goes back to the caller. (urllib's own
    handlers answer a digest challenge up to six times and raise on an endpoint offering only Digest
    to its Basic handler.)"""

    handler_order = 480  # before urllib's defaults

    def __init__(self, credentials: Credentials, urls: Sequence[str]) -> None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, list(urls), credentials.user, credentials.password)
        super().__init__(passwords)
        self.passwords = passwords
        self.challenges: dict[str, str] = {}  # URL -> the last challenge it sent
        self.up_front: weakref.WeakSet[urllib.request.Request] = weakref.WeakSet()

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        challenge = self.challenges.get(_where(req))
        if challenge and req.get_header("Authorization") is None:
            value = self._answer(req, challenge)
            if value:
                req.add_unredirected_header("Authorization", value)
                self.up_front.add(req)
        return req

    https_request = http_request

    def http_error_401(self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
                       headers: Message) -> object:
        challenge = next((c for c in headers.get_all("WWW-Authenticate") or [] if _scheme(c) in SCHEMES), None)
        if challenge is None:
            return None
        self.challenges[_where(req)] = challenge
        if req.get_header("Authorization") is not None:
            if req not in self.up_front:
                return None  # refused: the caller gets the 401
            self.up_front.discard(req)  # sent up front with a stale challenge: answer the new one
        value = self._answer(req, challenge)
        if not value:
            return None
        req.add_unredirected_header("Authorization", value)
        return self.parent.open(req, timeout=req.timeout)

    def _answer(self, req: urllib.request.Request, challenge: str) -> str | None:
        """The Authorization header answering ``challenge``, or None if these credentials are not for this URL."""
        user, password = self.passwords.find_user_password(None, req.full_url)
        if user is None or password is None:
            return None
        params = challenge.strip().partition(" ")[2]
        if _scheme(challenge) == "digest":
            fields = urllib.request.parse_keqv_list([f for f in urllib.request.parse_http_list(params) if f])
            authorization = self.get_authorization(req, fields)
            return f"Digest {authorization}" if authorization else None
        return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def opener(credentials: Credentials | None, urls: Sequence[str]) -> urllib.request.OpenerDirector:
    """An opener that answers the endpoints' challenges with ``credentials`` (if any), for ``urls`` only."""
    if credentials is None:
        return urllib.request.build_opener()
    return urllib.request.build_opener(_Challenged(credentials, urls))
