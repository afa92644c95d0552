# The seed's snippet for the `function` module. Only the import line differs: the seed
# imported from cargo's output directory (`from target.debug.function import greet`);
# here the module is installed, e.g. with `pip install ./examples/function`.
from function import greet

print(greet("World"))
