"""The demo's vocabularies: about 20 categories, over 20,000 keywords."""
import itertools

from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


CATEGORIES = SimpleVocabulary([
    SimpleTerm(token, token, title) for token, title in [
        ('news', 'News'),
        ('howto', 'How-to'),
        ('tutorial', 'Tutorial'),
        ('release', 'Release'),
        ('security', 'Security advisory'),
        ('performance', 'Performance'),
        ('community', 'Community'),
        ('event', 'Event'),
        ('case-study', 'Case study'),
        ('opinion', 'Opinion'),
        ('interview', 'Interview'),
        ('review', 'Review'),
        ('research', 'Research'),
        ('announcement', 'Announcement'),
        ('documentation', 'Documentation'),
        ('migration', 'Migration guide'),
        ('accessibility', 'Accessibility'),
        ('design', 'Design'),
        ('testing', 'Testing'),
        ('operations', 'Operations'),
    ]])


TECHNOLOGIES = """
Python Zope Plone Pyramid Django Flask FastAPI Twisted asyncio Celery
SQLAlchemy ZODB PostgreSQL MySQL MariaDB SQLite Redis Memcached Elasticsearch
OpenSearch Solr RabbitMQ Kafka Nginx Apache Varnish HAProxy Docker Podman
Kubernetes Helm Terraform Ansible Puppet SaltStack Vagrant Linux Debian Ubuntu
Fedora FreeBSD Windows macOS Android iOS JavaScript TypeScript Node.js Deno
React Vue Angular Svelte jQuery HTML CSS Sass WebAssembly Rust Go Java Kotlin
Scala Clojure Haskell Erlang Elixir Ruby Rails PHP Laravel Perl Lua C C++
Swift Objective-C Dart Flutter Julia R MATLAB NumPy pandas SciPy Jupyter
TensorFlow PyTorch scikit-learn Spark Hadoop Airflow dbt GraphQL REST gRPC
OAuth OpenID LDAP Kerberos TLS HTTP/2 HTTP/3 WebSocket XML JSON YAML Markdown
reStructuredText Sphinx Git Mercurial GitHub GitLab Jenkins Buildout pip
setuptools Poetry tox pytest Selenium Playwright Chromium Firefox Emacs Vim
Tornado Bash Zsh systemd Prometheus Grafana OpenTelemetry Sentry AWS Azure
""".split()

TOPICS = """
accessibility administration analytics architecture authentication
authorization automation backups benchmarks best-practices bugs caching
certification CI/CD cloud code-review community compatibility compliance
concurrency configuration conferences containers continuous-delivery
contributing cryptography data-modeling databases debugging dependencies
deployment deprecation design-patterns developer-experience documentation
encryption error-handling events extensions forms frameworks funding
governance GUI hardware hosting i18n indexing infrastructure installation
integration internals interoperability licensing linting localization
logging machine-learning maintenance memory metaprogramming microservices
migration mobile modules monitoring networking observability onboarding
optimization ORM packaging parsing patches performance plugins porting
privacy profiling programming protocols prototyping queues refactoring
regressions releases reliability replication roadmap scalability scheduling
scripting search security serialization servers sessions sharding
sprints standards state-management storage streaming style-guides
templating testing threads tooling training transactions translations
troubleshooting tutorials type-hints typing UI unicode upgrades usability
UX validation versioning virtualization visualization vulnerabilities
web-services widgets workflows workshops APIs async CLI cookbook FAQ
governance-model history hiring interviews job-market keynotes lessons-learned
mentoring meetups newsletters podcasts case-studies comparisons cheat-sheets
code-generation code-quality data-migration distributed-systems edge-cases
feature-flags file-formats garbage-collection hot-reloading load-testing
message-passing multi-tenancy object-databases rate-limiting read-replicas
schema-design single-sign-on static-analysis supply-chain technical-debt
test-fixtures time-zones zero-downtime
""".split()


def keyword_values():
    """Every technology, and every technology with every topic."""
    combinations = itertools.product(TECHNOLOGIES, TOPICS)
    return TECHNOLOGIES + [
        '%s %s' % (technology, topic.replace('-', ' '))
        for technology, topic in combinations]


KEYWORDS = SimpleVocabulary.fromValues(keyword_values())
