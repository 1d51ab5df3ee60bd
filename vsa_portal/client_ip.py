"""The visitor's address for per-address limits, through the proxy settings only
(TRUSTED_PROXY_COUNT, TRUSTED_CLIENT_IP_HEADER): the same answer as allauth's login limits."""

from allauth.account.adapter import get_adapter


def client_ip(request):
    return get_adapter().get_client_ip(request)
