# --
# Kernel/Config.pm - OTOBO local configuration of a service desk with a room column
# --
package Kernel::Config;

use strict;
use warnings;
use utf8;

sub Load {
    my $Self = shift;

    # ---------------------------------------------------- #
    # database settings                                    #
    # ---------------------------------------------------- #
    $Self->{DatabaseHost} = '127.0.0.1';
    $Self->{Database}     = 'otobo';
    $Self->{DatabaseUser} = 'otobo';
    $Self->{DatabasePw}   = 'not-a-real-password';
    $Self->{Home}         = '/opt/otobo';

    # The example from Defaults.pm, left commented out:
#    $Self->{CustomerUser} = {
#        Name   => 'LDAP Backend',
#        Module => 'Kernel::System::CustomerUser::LDAP',
#    };

    $Self->{CustomerUser} = {
        Name   => Translatable('Database Backend'),
        Module => 'Kernel::System::CustomerUser::DB',
        Params => {
            Table               => 'customer_user',
            CaseSensitive       => 0,
            SearchCaseSensitive => 0,
        },
        # customer unique id
        CustomerKey => 'login',
        CustomerID    => 'customer_id',
        CustomerValid => 'valid_id',
        CustomerUserListFields   => [ 'first_name', 'last_name', 'room', 'email' ],
        CustomerUserSearchFields => [qw(login first_name last_name customer_id room)],
        CustomerUserSearchPrefix    => '*',
        CustomerUserSearchSuffix    => '*',
        CustomerUserSearchListLimit => 2500,
        CustomerUserPostMasterSearchFields => ['email'],
        CustomerUserNameFields => [ 'title', 'first_name', 'last_name' ],
        CustomerUserEmailUniqCheck => 1,
        CustomerUserExcludePrimaryCustomerID => 0,
        CustomerCompanySupport => 1,
        CacheTTL => 60 * 60 * 24,
        ReadOnly => 0,
        Map => [
            # var, frontend, storage, shown (1=always,2=lite), required, storage-type, http-link, readonly, http-link-target, link class(es)
            [ 'UserTitle',      Translatable('Title or salutation'), 'title',      1, 0, 'var', '', 0, undef, undef ],
            [ 'UserFirstname',  Translatable('Firstname'),           'first_name', 1, 1, 'var', '', 0, undef, undef ],
            [ 'UserLastname',   Translatable('Lastname'),            'last_name',  1, 1, 'var', '', 0, undef, undef ],
            [ 'UserLogin',      Translatable('Username'),            'login',      1, 1, 'var', '', 0, undef, undef ],
            [ 'UserPassword',   Translatable('Password'),            'pw',         0, 0, 'var', '', 0, undef, undef ],
            [ 'UserEmail',      Translatable('Email'),               'email',      1, 1, 'var', '', 0, undef, undef ],
            [ 'UserCustomerID', Translatable('CustomerID'),          'customer_id', 0, 1, 'var', '', 0, undef, undef ],
            [ 'UserPhone',      Translatable('Phone'),               'phone',      1, 0, 'var', '', 0, undef, undef ],
            [ 'UserRoom',       Translatable('Room'),                'room',       1, 0, 'var', '', 0, undef, undef ],
            [ 'UserComment',    Translatable('Comment'),             'comments',   1, 0, 'var', '', 0, undef, undef ],
            [ 'ValidID',        Translatable('Valid'),               'valid_id',   0, 1, 'int', '', 0, undef, undef ],
        ],
        Selections => {
            UserTitle => {
                'Mr.'  => Translatable('Mr.'),
                'Mrs.' => Translatable('Mrs.'),
            },
        },
    };

    # ---------------------------------------------------- #
    # end of your own config options!!!                    #
    # ---------------------------------------------------- #
    return 1;
}

# ---------------------------------------------------- #
# needed system stuff (don't edit this)                #
# ---------------------------------------------------- #

use Kernel::Config::Defaults; # import Translatable()
use parent qw(Kernel::Config::Defaults);

# -----------------------------------------------------#

1;
