# The seed's snippet for the `klass` module. Only the import line differs: the seed
# imported from cargo's output directory (`from target.debug.klass import Class`); here
# the module is installed, e.g. with `pip install ./examples/klass`. (The seed's extracted
# text lost the snippet's last line; it calls greet as the function example does.)
from klass import Class

klass = Class()
print(klass.greet("World"))
