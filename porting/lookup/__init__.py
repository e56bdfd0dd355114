"""Look-ups over the network. The only part of the domain that speaks HTTP: the Brønnøysund
Register Centre's open API (``brreg``). Its answers are the pure types of ``porting.company.register``."""
