# The seed's snippet for the `docstring` module. Only the import line differs: the seed
# imported the library copied next to cargo's output (`from target.debug import
# docstring`); here the module is installed, e.g. with `pip install ./examples/docstring`.
import docstring

print(docstring.__doc__)
